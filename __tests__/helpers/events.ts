import type { EventBridgeEvent } from "aws-lambda";

import { HEALTH_CHANGED_SCHEMA_VERSION, HEALTH_CHECK_SCHEMA_VERSION } from "../../lambdas/shared/health-events";
import type { HealthChangedDetail, HealthCheckDetail, TargetSummary } from "../../lambdas/shared/health-events";

const SERVICE_ID = "svc-0123456789abcdef0";
const SERVICE_ARN = `arn:aws:vpc-lattice:eu-west-1:111122223333:service/${SERVICE_ID}`;

/** Target health of a service whose one target group has two healthy targets. */
export function targetSummary(overrides: Partial<TargetSummary> = {}): TargetSummary {
  return {
    healthyShare: 1,
    targetGroups: 1,
    healthy: 2,
    unhealthy: 0,
    unavailable: 0,
    draining: 0,
    initial: 0,
    unused: 0,
    other: 0,
    ...overrides,
  };
}

/**
 * A `Service Health Check` event (detail schema v2) as EventBridge delivers it
 * to the auto-scaler. `observedStatus` follows `status` unless given, so a
 * check agrees with the reported status by default (`pendingChecks` 0).
 */
export function healthEvent(
  detail: Partial<HealthCheckDetail> = {}
): EventBridgeEvent<"Service Health Check", HealthCheckDetail> {
  const status = detail.status ?? "healthy";
  return {
    version: "0",
    id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
    "detail-type": "Service Health Check",
    source: "service-lifecycle.health-monitor",
    account: "111122223333",
    time: "2025-03-01T12:07:43Z",
    region: "eu-west-1",
    resources: [SERVICE_ARN],
    detail: {
      schemaVersion: HEALTH_CHECK_SCHEMA_VERSION,
      serviceId: SERVICE_ID,
      serviceName: "sl-orders",
      serviceArn: SERVICE_ARN,
      status,
      observedStatus: status,
      pendingChecks: 0,
      reasons: [],
      requestCount: 1000,
      errorCount: 0,
      clientErrorCount: 3,
      errorRate: 0,
      p99LatencyMs: 100,
      targets: targetSummary(),
      windowMinutes: 5,
      timestamp: "2025-03-01T12:07:42.000Z",
      ...detail,
    },
  };
}

/**
 * A `Service Health Changed` event (detail schema v1): by default the service
 * turned from healthy to unhealthy, confirmed by 3 checks.
 */
export function healthChangedEvent(
  detail: Partial<HealthChangedDetail> = {}
): EventBridgeEvent<"Service Health Changed", HealthChangedDetail> {
  return {
    version: "0",
    id: "0d1c9a3e-5b7f-4e0a-9c2d-8f6e4b3a2c10",
    "detail-type": "Service Health Changed",
    source: "service-lifecycle.health-monitor",
    account: "111122223333",
    time: "2025-03-01T12:07:43Z",
    region: "eu-west-1",
    resources: [SERVICE_ARN],
    detail: {
      schemaVersion: HEALTH_CHANGED_SCHEMA_VERSION,
      serviceId: SERVICE_ID,
      serviceName: "sl-orders",
      serviceArn: SERVICE_ARN,
      previousStatus: "healthy",
      status: "unhealthy",
      previousSince: "2025-03-01T09:12:00.000Z",
      confirmedByChecks: 3,
      reasons: ["errorRate 0.08 > maxErrorRate 0.05 (HTTPCode_5XX_Count 80 of TotalRequestCount 1000)"],
      requestCount: 1000,
      errorCount: 80,
      clientErrorCount: 3,
      errorRate: 0.08,
      p99LatencyMs: 140,
      targets: targetSummary(),
      windowMinutes: 5,
      timestamp: "2025-03-01T12:07:42.000Z",
      ...detail,
    },
  };
}

/** An `ECS Deployment State Change` event for `service/<cluster>/<service>`. */
export function ecsDeploymentEvent(
  overrides: { serviceArn?: string; eventName?: string; deploymentId?: string; reason?: string } = {}
): EventBridgeEvent<"ECS Deployment State Change", Record<string, unknown>> {
  return {
    version: "0",
    id: "ddca6449-b258-46c0-8653-e0e3a6EXAMPLE",
    "detail-type": "ECS Deployment State Change",
    source: "aws.ecs",
    account: "111122223333",
    time: "2025-03-01T12:10:00Z",
    region: "eu-west-1",
    resources: [overrides.serviceArn ?? "arn:aws:ecs:eu-west-1:111122223333:service/sl-cluster/orders"],
    detail: {
      eventType: "INFO",
      eventName: overrides.eventName ?? "SERVICE_DEPLOYMENT_COMPLETED",
      deploymentId: overrides.deploymentId ?? "ecs-svc/1234567890123456789",
      updatedAt: "2025-03-01T12:09:58.000Z",
      reason: overrides.reason ?? "ECS deployment ecs-svc/1234567890123456789 completed.",
    },
  };
}
