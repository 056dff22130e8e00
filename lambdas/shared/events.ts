/**
 * The lifecycle event contract: every event that the handlers put on the
 * lifecycle bus, and every AWS event they consume, is described here once.
 * Producers build their entries with these types, the stacks build their
 * rule patterns from these constants, and the tests check one against the other.
 */

/** `source` of the events each handler publishes. */
export const EVENT_SOURCES = {
  healthMonitor: "service-lifecycle.health-monitor",
  autoScaler: "service-lifecycle.auto-scaler",
  deploymentHandler: "service-lifecycle.deployment-handler",
} as const;

/** `detail-type` of the lifecycle events. */
export const DETAIL_TYPES = {
  healthCheck: "Service Health Check",
  healthChanged: "Service Health Changed",
  scalingAction: "Service Scaling Action",
  deploymentChanged: "Service Deployment Changed",
} as const;

/**
 * Version of the scaling and deployment `detail` shapes below; bumped on any
 * breaking change. The health events carry their own versions (health-events.ts).
 */
export const DETAIL_SCHEMA_VERSION = 1;

/** How the health monitor judged a service. `unknown` is never treated as healthy. */
export const HEALTH_STATUSES = ["healthy", "degraded", "unhealthy", "unknown"] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

export type { HealthChangedDetail, HealthCheckDetail, TargetSummary } from "./health-events";

/** What the auto-scaler decided for one health event. */
export const SCALING_DECISIONS = ["scale-out", "scale-in", "hold"] as const;
export type ScalingDecision = (typeof SCALING_DECISIONS)[number];

/** `detail` of a `Service Scaling Action` event. */
export interface ScalingActionDetail {
  readonly schemaVersion: typeof DETAIL_SCHEMA_VERSION;
  readonly serviceName: string;
  readonly serviceId: string;
  readonly decision: ScalingDecision;
  /** `applied` when the compute was changed, `dry-run` when only logged, `skipped` when a rail stopped it. */
  readonly outcome: "applied" | "dry-run" | "skipped";
  readonly reason: string;
  readonly computeType: "ecs" | "ec2-asg";
  /** The ECS service ARN or Auto Scaling group name that was (or would be) changed. */
  readonly computeId: string;
  readonly previousCapacity: number | null;
  readonly desiredCapacity: number | null;
  readonly timestamp: string;
}

/** `detail` of a `Service Deployment Changed` event. */
export interface DeploymentChangedDetail {
  readonly schemaVersion: typeof DETAIL_SCHEMA_VERSION;
  /** Configured service name, or `null` when the ECS service is not in the config. */
  readonly serviceName: string | null;
  readonly ecsServiceArn: string;
  readonly clusterArn: string | null;
  readonly deploymentId: string;
  /** `SERVICE_DEPLOYMENT_IN_PROGRESS`, `SERVICE_DEPLOYMENT_COMPLETED` or `SERVICE_DEPLOYMENT_FAILED`. */
  readonly state: string;
  readonly reason: string | null;
  /** Task definition ARN of the deployment, when ECS still reports it. */
  readonly taskDefinitionArn: string | null;
  /** `family:revision` of that task definition: the "version" that was deployed. */
  readonly version: string | null;
  readonly timestamp: string;
}

/** The AWS events the deployment handler consumes (they arrive on the default bus). */
export const ECS_DEPLOYMENT_EVENT = {
  source: "aws.ecs",
  detailType: "ECS Deployment State Change",
} as const;
