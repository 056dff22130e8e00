/**
 * The schema of an environment file (`config/environments/<env>.json`).
 *
 * It is the single source of truth for the config: the TypeScript types are
 * inferred from it, `npm run schema` publishes it as JSON Schema for editors,
 * and `loadConfig` validates every file against it before any construct exists.
 * Cross-field rules (unique names, min <= max, target type vs compute...) live
 * in `rules.ts`.
 */
import { z } from "zod";
import { checkServiceRules } from "./rules";

/** Names that end up in AWS resource names: lowercase, digits, single hyphens. */
const NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const name = (max: number) => z.string().min(2).max(max).regex(NAME_PATTERN);
const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const VPC_ID = /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/;
export const SECURITY_GROUP_ID = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;
export const ACCOUNT_ID = /^\d{12}$/;
/** A region of the standard `aws` partition (the stacks build `arn:aws:` ARNs). */
export const REGION = /^(?!cn-|us-gov-|us-iso)[a-z]{2}(-[a-z]+)+-\d$/;
const REGION_PART = "(?!cn-|us-gov-|us-iso)[a-z]{2}(?:-[a-z]+)+-\\d";
/** IAM role, user or account-root ARN, usable as a policy principal. */
export const PRINCIPAL_ARN = /^arn:aws:iam::\d{12}:(root|(role|user)(\/[\w+=,.@-]+)+)$/;
/** S3 bucket naming rules, including the reserved prefixes and suffixes. */
export const BUCKET_NAME =
  /^(?!xn--|sthree-|amzn-s3-demo-)(?!.*\.\.)(?!.*\.-)(?!.*-\.)(?!\d+\.\d+\.\d+\.\d+$)(?!.*(-s3alias|--ol-s3|--x-s3|--table-s3)$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** Characters AWS allows in tag keys and values. */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** An array whose items must all differ (compared after `normalize`). */
function uniqueArray<T extends z.ZodType>(item: T, what: string, normalize: (v: z.output<T>) => unknown = (v) => v) {
  return z.array(item).superRefine((items, ctx) => {
    const seen = new Set<unknown>();
    items.forEach((value, i) => {
      const key = normalize(value);
      if (seen.has(key)) {
        ctx.addIssue({ code: "custom", path: [i], message: `is listed twice. Fix: list each ${what} once.`, params: { value } });
      }
      seen.add(key);
    });
  });
}

/** CloudWatch Logs accepts only these retention values. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const s3State = z
  .strictObject({
    backend: z.literal("s3"),
    bucket: z
      .string()
      .regex(BUCKET_NAME)
      .describe("S3 bucket that holds the state; the bootstrap stack creates it."),
    region: z.string().regex(REGION).optional().describe("Region of the state bucket. Default: the config's region."),
    keyPrefix: z
      .string()
      .max(256)
      .regex(/^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/)
      .default("service-lifecycle")
      .describe("Prefix of the state object keys; each stack adds `<env>/<stack>.tfstate`."),
  })
  .describe("Terraform state in S3, encrypted, with native lock files (Terraform >= 1.11).");

const cloudState = z
  .strictObject({
    backend: z.literal("cloud"),
    organization: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).describe("Terraform Cloud / HCP Terraform organization."),
    workspacePrefix: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,72}$/)
      .describe("Each stack uses the workspace `<workspacePrefix>-<stack>`."),
    hostname: z
      .string()
      .max(253)
      .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/)
      .default("app.terraform.io").describe("Terraform Cloud or Enterprise host name."),
  })
  .describe("Terraform state in Terraform Cloud workspaces (remote runs cannot use the S3 backend).");

const callers = z
  .strictObject({
    accounts: uniqueArray(z.string().regex(ACCOUNT_ID), "account")
      .optional()
      .describe("AWS account ids whose principals may invoke services. Default: the deployment account."),
    principalArns: uniqueArray(z.string().regex(PRINCIPAL_ARN), "principal")
      .default([])
      .describe("Specific IAM roles or users that may invoke services, in addition to `accounts`."),
  })
  .describe("Who may call services through the network (VPC Lattice auth policy, SigV4-signed requests).");

const healthCheck = z
  .strictObject({
    path: z.string().regex(/^\/[\x21-\x7e]*$/).max(2048).default("/").describe("HTTP path the health check requests."),
    protocol: z.enum(["HTTP", "HTTPS"]).optional().describe("Default: the target protocol."),
    intervalSeconds: int(5, 300).default(30).describe("Seconds between checks (5-300)."),
    timeoutSeconds: int(1, 120).default(5).describe("Seconds before a check fails (1-120, below the interval)."),
    healthyThreshold: int(2, 10).default(5).describe("Consecutive successes before a target is healthy (2-10)."),
    unhealthyThreshold: int(2, 10).default(2).describe("Consecutive failures before a target is unhealthy (2-10)."),
    matcher: z
      .string()
      .regex(/^[1-5]\d\d(-[1-5]\d\d)?(,[1-5]\d\d(-[1-5]\d\d)?)*$/)
      .default("200")
      .describe('HTTP codes that mean healthy: "200", "200-299" or "200,204".'),
  })
  .describe("Target-group health check (IP and INSTANCE target types only).");

const ecsCompute = z.strictObject({
  type: z.literal("ecs"),
  clusterName: z.string().regex(/^[A-Za-z0-9_-]{1,255}$/).describe("Existing ECS cluster name."),
  serviceName: z.string().regex(/^[A-Za-z0-9_-]{1,255}$/).describe("Existing ECS service name in that cluster."),
});

const asgCompute = z.strictObject({
  type: z.literal("ec2-asg"),
  autoScalingGroupName: z
    .string()
    .regex(/^[\x20-\x29\x2b-\x39\x3b-\x7e]{1,255}$/)
    .describe("Existing EC2 Auto Scaling group name."),
});

const scaling = z
  .strictObject({
    min: int(0, 1000).describe("Lowest desired count the auto-scaler sets."),
    max: int(1, 1000).describe("Highest desired count the auto-scaler sets."),
    step: int(1, 100).default(1).describe("Tasks or instances added or removed by one action."),
    cooldownSeconds: int(60, 86400).default(300).describe("Seconds after an action before the next one for this service."),
  })
  .describe("Bounds of the auto-scaler's actions.");

/** Health thresholds of a service that the config does not set. */
export const HEALTH_DEFAULTS = {
  maxErrorRate: 0.05,
  maxP99LatencyMs: 2000,
  minRequests: 20,
  minHealthyTargetShare: 0.5,
  consecutiveChecks: 2,
} as const;

const healthThresholds = z
  .strictObject({
    maxErrorRate: z
      .number()
      .min(0)
      .max(1)
      .default(HEALTH_DEFAULTS.maxErrorRate)
      .describe("5xx share of requests above which the service is unhealthy (0-1); exactly this value is not a breach."),
    maxP99LatencyMs: int(1, 600000)
      .default(HEALTH_DEFAULTS.maxP99LatencyMs)
      .describe("p99 request time (ms) above which the service is degraded; exactly this value is not a breach."),
    minRequests: int(0, 1_000_000)
      .default(HEALTH_DEFAULTS.minRequests)
      .describe("Requests per window below which rates are not evaluated (idle)."),
    minHealthyTargetShare: z
      .number()
      .min(0)
      .max(1)
      .default(HEALTH_DEFAULTS.minHealthyTargetShare)
      .describe(
        "Weighted share of health-checked targets that must be HEALTHY (0-1); below it the service is unhealthy. 0 turns the rule off.",
      ),
    consecutiveChecks: int(1, 20)
      .default(HEALTH_DEFAULTS.consecutiveChecks)
      .describe("Consecutive checks that must agree on a new verdict before the reported status changes (1 = at once)."),
  })
  .describe("When the health monitor calls a service healthy, degraded or unhealthy.");

const listener = z
  .strictObject({
    protocol: z.enum(["HTTP", "HTTPS"]).default("HTTPS").describe("Listener protocol."),
    port: int(1, 65535).optional().describe("Listener port. Default: 443 for HTTPS, 80 for HTTP."),
  })
  .describe("The Lattice listener in front of the target group.");

const serviceFields = z
  .strictObject({
    name: name(38).describe("Service name; the Lattice service `<namePrefix>-<name>` must fit in 40 characters."),
    port: int(1, 65535).optional().describe("Port the targets listen on (required except for LAMBDA)."),
    protocol: z.enum(["HTTP", "HTTPS"]).default("HTTP").describe("Protocol the targets speak."),
    protocolVersion: z.enum(["HTTP1", "HTTP2", "GRPC"]).default("HTTP1").describe("Target protocol version."),
    targetType: z
      .enum(["IP", "INSTANCE", "ALB", "LAMBDA"])
      .default("IP")
      .describe("IP for ECS tasks, INSTANCE for EC2 Auto Scaling groups, ALB or LAMBDA."),
    vpcId: z.string().regex(VPC_ID).optional().describe("VPC of the targets (required except for LAMBDA)."),
    listener: listener.default({ protocol: "HTTPS" }),
    healthCheck: healthCheck.optional(),
    compute: z
      .discriminatedUnion("type", [ecsCompute, asgCompute])
      .optional()
      .describe("The compute the service runs on, which the auto-scaler changes (absent for LAMBDA)."),
    albArn: z
      .string()
      .regex(new RegExp(`^arn:aws:elasticloadbalancing:${REGION_PART}:\\d{12}:loadbalancer/app/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}$`))
      .optional()
      .describe("The Application Load Balancer behind an ALB target group."),
    lambdaFunctionArn: z
      .string()
      .regex(new RegExp(`^arn:aws:lambda:${REGION_PART}:\\d{12}:function:[A-Za-z0-9_-]{1,64}$`))
      .optional()
      .describe("The function behind a LAMBDA target group."),
    scaling: scaling.optional(),
    health: healthThresholds.default(HEALTH_DEFAULTS),
    callers: callers.optional().describe("Who may call this service. Default: the network's callers."),
  });

export const serviceSchema = serviceFields.superRefine(checkServiceRules).describe("A microservice behind VPC Lattice.");

export const configSchema = z
  .strictObject({
    $schema: z.string().optional().describe("Path of the JSON Schema, for editors."),
    namePrefix: name(16).describe("Prefix of every resource name, e.g. `acme-prod`."),
    accountId: z.string().regex(ACCOUNT_ID).describe("AWS account the environment deploys to (12 digits)."),
    region: z.string().regex(REGION).describe("AWS region, e.g. `eu-west-1`."),
    tags: z
      .record(z.string().min(1).max(128).regex(TAG_TEXT), z.string().max(256).regex(TAG_TEXT))
      .default({})
      .describe("Tags added to every resource."),
    state: z.discriminatedUnion("backend", [s3State, cloudState]).describe("Where Terraform keeps state."),
    network: z
      .strictObject({
        callers: callers.default({ principalArns: [] }),
        vpcAssociations: z
          .array(
            z.strictObject({
              vpcId: z.string().regex(VPC_ID),
              securityGroupIds: uniqueArray(z.string().regex(SECURITY_GROUP_ID), "security group").max(5).default([]),
            }),
          )
          .default([])
          .describe("VPCs whose clients reach the services through the network."),
      })
      .default({ callers: { principalArns: [] }, vpcAssociations: [] })
      .describe("The service network: who may call its services, and which VPCs reach it."),
    logRetentionDays: z
      .literal(LOG_RETENTION_DAYS)
      .default(30)
      .describe("Retention of every log group the stack creates."),
    healthCheck: z
      .strictObject({
        rateMinutes: int(1, 1440).default(5).describe("Minutes between two runs of the health monitor."),
        windowMinutes: int(1, 60).default(5).describe("Minutes of metrics each run reads, at 60-second resolution."),
        topologyCacheMinutes: int(0, 1440)
          .default(60)
          .describe("Minutes a service's listeners, rules and target groups are reused before they are listed again (0 = every run)."),
        concurrency: int(1, 50).default(10).describe("Services whose topology and targets are read at the same time."),
        targetRefreshChecks: int(1, 10)
          .default(2)
          .describe(
            "A target group whose targets were all HEALTHY at its last read is read again on one check in this many, spread over the checks; any other group is read on every check (1 = read every group on every check).",
          ),
        stateRetentionDays: int(1, 365)
          .default(14)
          .describe("Days a service's last verdict is kept after its last change or refresh (the table's TTL)."),
        defaultHealth: healthThresholds
          .default(HEALTH_DEFAULTS)
          .describe("Thresholds for services in the network that this config does not declare."),
      })
      .default({
        rateMinutes: 5,
        windowMinutes: 5,
        topologyCacheMinutes: 60,
        concurrency: 10,
        targetRefreshChecks: 2,
        stateRetentionDays: 14,
        defaultHealth: HEALTH_DEFAULTS,
      })
      .describe("How often the health monitor runs, how much metric history it reads, and how it keeps its state."),
    notifications: z
      .strictObject({
        emails: uniqueArray(z.email(), "address", (v) => v.toLowerCase()).max(20).default([]).describe("Addresses subscribed to the notification topic."),
      })
      .default({ emails: [] })
      .describe("Who hears about scaling actions, deployments, handler errors and dead letters."),
    automationMode: z
      .enum(["enforce", "dry-run"])
      .default("dry-run")
      .describe("`enforce` lets the auto-scaler change compute; `dry-run` only logs and publishes its decisions."),
    services: z.array(serviceSchema).min(1).max(100).describe("The microservices in the network."),
  })
  .describe("One service-lifecycle environment.");

/** A validated config, with every default filled in. */
export type ServiceLifecycleConfig = z.output<typeof configSchema>;
/** One validated service. */
export type ServiceConfig = z.output<typeof serviceFields>;
/** What an environment file may contain. */
export type ServiceLifecycleConfigInput = z.input<typeof configSchema>;
