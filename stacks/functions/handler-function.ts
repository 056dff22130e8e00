/**
 * One Lambda handler with everything it owns: its bundle (esbuild folder,
 * carried into the output by a TerraformAsset and zipped by the archive
 * provider), an execution role with an inline least-privilege policy, a log
 * group with retention, JSON logging, and a dead-letter queue for failed
 * asynchronous invocations.
 */
import { DataArchiveFile } from "@cdktf/provider-archive/lib/data-archive-file";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { AssetType, TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import { DeadLetterQueue } from "../events/dead-letter-queue";
import { assumeRolePolicy, policyDocument, type PolicyStatement } from "../shared/iam";
import { handlerBaseStatements } from "./policies";
import type { HandlerBundle } from "./bundle";

/** Lambda runtime of every handler. */
export const RUNTIME = "nodejs22.x";
/** Graviton: cheaper per GB-second than x86_64. */
export const ARCHITECTURE = "arm64";
/** File mode written into the zip, so the hash does not depend on the machine's umask. */
export const ZIP_FILE_MODE = "0644";

export interface HandlerFunctionProps {
  /** Function name, also the base of the role, log group and queue names. */
  readonly functionName: string;
  readonly description: string;
  /** The bundled handler (see `bundle.ts`). */
  readonly bundle: HandlerBundle;
  /** Account the function runs in, for the role's trust condition. */
  readonly accountId: string;
  /** The AWS calls the handler makes, and nothing else. Logging and the dead-letter queue are added here. */
  readonly statements: readonly PolicyStatement[];
  /** Days to keep the function's logs. */
  readonly logRetentionDays: number;
  /** Environment variables of the function. */
  readonly environment: Record<string, string>;
  /**
   * Seconds before an invocation is stopped.
   * @default 60
   */
  readonly timeoutSeconds?: number;
  /**
   * Memory in MB; CPU grows with it.
   * @default 256
   */
  readonly memoryMb?: number;
}

export class HandlerFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;
  readonly deadLetterQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    const timeoutSeconds = props.timeoutSeconds ?? 60;
    const memoryMb = props.memoryMb ?? 256;

    const code = new TerraformAsset(this, "code", {
      path: props.bundle.dir,
      type: AssetType.DIRECTORY,
      assetHash: props.bundle.hash,
    });
    // A zip of the same folder travels with the output at the archive's
    // output_path, so a saved plan applied on a fresh runner finds the file
    // there; on the planning machine the archive provider rewrites it.
    const prebuiltZip = new TerraformAsset(this, "package", {
      path: props.bundle.zipFile,
      type: AssetType.FILE,
      assetHash: props.bundle.hash,
    });
    const archive = new DataArchiveFile(this, "archive", {
      type: "zip",
      sourceDir: code.path,
      outputPath: prebuiltZip.path,
      outputFileMode: ZIP_FILE_MODE,
    });

    this.deadLetterQueue = new DeadLetterQueue(this, "dlq", { queueName: `${props.functionName}-dlq` });
    this.logGroup = new CloudwatchLogGroup(this, "logs", {
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays: props.logRetentionDays,
    });

    this.role = new IamRole(this, "role", {
      name: props.functionName,
      description: `Execution role of ${props.functionName}`,
      assumeRolePolicy: assumeRolePolicy("lambda.amazonaws.com", props.accountId),
    });
    const policy = new IamRolePolicy(this, "policy", {
      name: "least-privilege",
      role: this.role.id,
      policy: policyDocument([
        ...handlerBaseStatements(this.logGroup.arn, this.deadLetterQueue.queue.arn),
        ...props.statements,
      ]),
    });

    this.function = new LambdaFunction(this, "function", {
      functionName: props.functionName,
      description: props.description,
      role: this.role.arn,
      runtime: RUNTIME,
      architectures: [ARCHITECTURE],
      handler: "index.handler",
      filename: archive.outputPath,
      sourceCodeHash: archive.outputBase64Sha256,
      timeout: timeoutSeconds,
      memorySize: memoryMb,
      environment: { variables: { ...props.environment } },
      loggingConfig: {
        logFormat: "JSON",
        logGroup: this.logGroup.name,
        applicationLogLevel: "INFO",
        systemLogLevel: "WARN",
      },
      deadLetterConfig: { targetArn: this.deadLetterQueue.queue.arn },
      dependsOn: [policy, this.logGroup],
    });
  }
}
