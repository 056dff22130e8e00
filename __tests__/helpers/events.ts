import type { EventBridgeEvent } from "aws-lambda";

import type { HealthCheckDetail } from "../../lambdas/shared/events";

/** A `Service Health Check` event as EventBridge delivers it to the auto-scaler. */
export function healthEvent(
  detail: Partial<HealthCheckDetail> = {}
): EventBridgeEvent<"Service Health Check", HealthCheckDetail> {
  return {
    version: "0",
    id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
    "detail-type": "Service Health Check",
    source: "service-lifecycle.health-monitor",
    account: "111122223333",
    time: "2025-03-01T12:07:43Z",
    region: "eu-west-1",
    resources: ["arn:aws:vpc-lattice:eu-west-1:111122223333:service/svc-0123456789abcdef0"],
    detail: {
      schemaVersion: 1,
      serviceId: "svc-0123456789abcdef0",
      serviceName: "sl-orders",
      status: "healthy",
      reasons: [],
      requestCount: 1000,
      errorRate: 0,
      p99LatencyMs: 100,
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
