import { deploymentChangedEntry, healthChangedEntry, healthCheckEntry, scalingActionEntry } from "../../lambdas/shared/entries";
import { DETAIL_SCHEMA_VERSION, HEALTH_STATUSES, type HealthStatus } from "../../lambdas/shared/events";
import { HEALTH_CHANGED_SCHEMA_VERSION, HEALTH_CHECK_SCHEMA_VERSION } from "../../lambdas/shared/health-events";
import { STACK_IDS } from "../../stacks/shared/naming";
import { eventFromEntry, matchesPattern } from "../helpers/event-pattern";
import { resourceNamed, synthConfig } from "../helpers/synth";

const tf = synthConfig().stacks[STACK_IDS.lifecycle];
const patternOf = (fragment: string) => JSON.parse(resourceNamed(tf, "aws_cloudwatch_event_rule", fragment).event_pattern);
const now = "2026-12-04T12:00:00.000Z";

const service = {
  serviceId: "svc-0123456789abcdef0",
  serviceName: "acme-example-orders",
  serviceArn: "arn:aws:vpc-lattice:eu-west-1:123456789012:service/svc-0123456789abcdef0",
};
const signals = { requestCount: 120, errorCount: 0, clientErrorCount: 0, errorRate: 0, p99LatencyMs: 80, targets: null };

function healthEvent(status: HealthStatus) {
  return eventFromEntry(
    healthCheckEntry(
      "acme-example-lifecycle",
      {
        schemaVersion: HEALTH_CHECK_SCHEMA_VERSION,
        ...service,
        status,
        observedStatus: status,
        pendingChecks: 0,
        reasons: [],
        ...signals,
        windowMinutes: 5,
        timestamp: now,
      },
      service.serviceArn,
    ),
  );
}

function healthChangedEvent(status: HealthStatus, previousStatus: HealthStatus | null = "healthy") {
  return eventFromEntry(
    healthChangedEntry(
      "acme-example-lifecycle",
      {
        schemaVersion: HEALTH_CHANGED_SCHEMA_VERSION,
        ...service,
        previousStatus,
        status,
        previousSince: previousStatus === null ? null : now,
        confirmedByChecks: 2,
        reasons: [],
        ...signals,
        windowMinutes: 5,
        timestamp: now,
      },
      service.serviceArn,
    ),
  );
}

describe("rule patterns against the events their producers emit", () => {
  test("the auto-scaler rule takes unhealthy and healthy checks and nothing else", () => {
    const pattern = patternOf("route-health-to-auto-scaler");
    const matched = HEALTH_STATUSES.filter((s) => matchesPattern(pattern, healthEvent(s)));
    expect(matched).toEqual(["healthy", "unhealthy"]);
  });

  test("the auto-scaler rule skips status changes, so one check never reaches it twice", () => {
    const pattern = patternOf("route-health-to-auto-scaler");
    expect(HEALTH_STATUSES.filter((s) => matchesPattern(pattern, healthChangedEvent(s)))).toEqual([]);
  });

  test("the health-change rule takes every status change, but not a service's first verdict", () => {
    const pattern = patternOf("route-health-changes-to-notifications");
    expect(HEALTH_STATUSES.every((s) => matchesPattern(pattern, healthChangedEvent(s)))).toBe(true);
    expect(HEALTH_STATUSES.some((s) => matchesPattern(pattern, healthChangedEvent(s, null)))).toBe(false);
    expect(HEALTH_STATUSES.some((s) => matchesPattern(pattern, healthEvent(s)))).toBe(false);
  });

  test("the scaling rule takes the auto-scaler's scaling actions", () => {
    const event = eventFromEntry(
      scalingActionEntry("bus", {
        schemaVersion: DETAIL_SCHEMA_VERSION,
        serviceName: "acme-example-orders",
        serviceId: "svc-0123456789abcdef0",
        decision: "scale-out",
        outcome: "dry-run",
        reason: "unhealthy",
        computeType: "ecs",
        computeId: "arn:aws:ecs:eu-west-1:123456789012:service/acme-example/orders",
        previousCapacity: 2,
        desiredCapacity: 4,
        timestamp: now,
      }),
    );
    expect(matchesPattern(patternOf("route-scaling-to-notifications"), event)).toBe(true);
    expect(matchesPattern(patternOf("route-health-to-auto-scaler"), event)).toBe(false);
  });

  test("the deployment rule takes the deployment handler's events", () => {
    const event = eventFromEntry(
      deploymentChangedEntry("bus", {
        schemaVersion: DETAIL_SCHEMA_VERSION,
        serviceName: "orders",
        ecsServiceArn: "arn:aws:ecs:eu-west-1:123456789012:service/acme-example/orders",
        clusterArn: "arn:aws:ecs:eu-west-1:123456789012:cluster/acme-example",
        deploymentId: "ecs-svc/1234567890123456789",
        state: "SERVICE_DEPLOYMENT_COMPLETED",
        reason: null,
        taskDefinitionArn: "arn:aws:ecs:eu-west-1:123456789012:task-definition/orders:42",
        version: "orders:42",
        timestamp: now,
      }),
    );
    expect(matchesPattern(patternOf("route-deployment-to-notifications"), event)).toBe(true);
    expect(matchesPattern(patternOf("route-scaling-to-notifications"), event)).toBe(false);
  });

  test("the ECS rule takes deployment changes of configured services only, in either ARN form", () => {
    // Arrange: the event ECS sends (see the ECS developer guide's deployment events)
    const ecsEvent = (serviceArn: string) => ({
      version: "0",
      id: "ddca6449-b258-46c0-8653-e0e3a6d0468b",
      "detail-type": "ECS Deployment State Change",
      source: "aws.ecs",
      account: "123456789012",
      time: now,
      region: "eu-west-1",
      resources: [serviceArn],
      detail: { eventType: "INFO", eventName: "SERVICE_DEPLOYMENT_COMPLETED", deploymentId: "ecs-svc/123", updatedAt: now, reason: "ECS deployment ecs-svc/123 completed." },
    });
    const pattern = patternOf("route-ecs-deployments");

    // Assert
    expect(matchesPattern(pattern, ecsEvent("arn:aws:ecs:eu-west-1:123456789012:service/acme-example/orders"))).toBe(true);
    expect(matchesPattern(pattern, ecsEvent("arn:aws:ecs:eu-west-1:123456789012:service/orders"))).toBe(true);
    expect(matchesPattern(pattern, ecsEvent("arn:aws:ecs:eu-west-1:123456789012:service/other/billing"))).toBe(false);
  });
});
