/**
 * The bootstrap stack: creates the S3 bucket that holds the other stacks'
 * state. It keeps its own state in a local file, since the bucket does not
 * exist before it runs. Deploy it once per account and region.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { configureLocalBackend } from "./state/backend";
import { StateBucket } from "./state/state-bucket";

export interface BootstrapStackProps {
  readonly bucketName: string;
  readonly region: string;
  readonly accountId: string;
  readonly tags: Record<string, string>;
  /** Local state file, relative to the stack's synthesized folder. */
  readonly statePath: string;
}

export class BootstrapStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: BootstrapStackProps) {
    super(scope, id);
    new AwsProvider(this, "aws", {
      region: props.region,
      allowedAccountIds: [props.accountId],
      defaultTags: [{ tags: props.tags }],
    });
    configureLocalBackend(this, props.statePath);
    const state = new StateBucket(this, "state", { bucketName: props.bucketName });
    new TerraformOutput(this, "state_bucket_name", { value: state.bucket.bucket, description: "State bucket" });
    new TerraformOutput(this, "state_bucket_arn", { value: state.bucket.arn, description: "State bucket ARN" });
  }
}
