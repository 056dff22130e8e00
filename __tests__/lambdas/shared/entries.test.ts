import { DETAIL_TYPES, EVENT_SOURCES } from "../../../lambdas/shared/events";
import type { DeploymentChangedDetail, ScalingActionDetail } from "../../../lambdas/shared/events";
import {
  deploymentChangedEntry,
  healthChangedEntry,
  healthCheckEntry,
  lifecycleEntry,
  scalingActionEntry,
} from "../../../lambdas/shared/entries";
import { parseHealthChangedDetail, parseHealthCheckDetail } from "../../../lambdas/shared/health-events";
import { healthChangedEvent, healthEvent } from "../../helpers/events";

const SERVICE_ARN = "arn:aws:vpc-lattice:eu-west-1:111122223333:service/svc-0123456789abcdef0";

const health = healthEvent({
  status: "unknown",
  observedStatus: "unknown",
  reasons: ["TotalRequestCount: no data points in the window (status Complete)"],
  requestCount: null,
  errorCount: null,
  clientErrorCount: null,
  errorRate: null,
  p99LatencyMs: null,
  targets: null,
}).detail;

describe("Function: healthCheckEntry", () => {
  test("builds a health check entry with the detail as JSON", () => {
    // Act
    const entry = healthCheckEntry("lifecycle-bus", health, SERVICE_ARN);

    // Assert
    expect(entry).toEqual({
      EventBusName: "lifecycle-bus",
      Source: EVENT_SOURCES.healthMonitor,
      DetailType: DETAIL_TYPES.healthCheck,
      Detail: JSON.stringify(health),
      Resources: [SERVICE_ARN],
    });
  });

  test("keeps unknown numbers and unread targets as JSON null", () => {
    // Act
    const detail = JSON.parse(healthCheckEntry("lifecycle-bus", health).Detail ?? "{}");

    // Assert
    expect(detail).toMatchObject({
      requestCount: null,
      errorCount: null,
      clientErrorCount: null,
      errorRate: null,
      p99LatencyMs: null,
      targets: null,
    });
  });

  test("carries a v2 detail that the shared schema accepts after the JSON round trip", () => {
    // Arrange
    const detail = healthEvent({ status: "degraded", observedStatus: "healthy", pendingChecks: 1 }).detail;

    // Act
    const entry = healthCheckEntry("lifecycle-bus", detail, SERVICE_ARN);

    // Assert
    expect(parseHealthCheckDetail(JSON.parse(entry.Detail ?? "null"))).toEqual({ ok: true, detail });
  });

  test("lists no resource when the service ARN is not known", () => {
    // Act
    const entry = healthCheckEntry("lifecycle-bus", health, null);

    // Assert
    expect(entry.Resources).toEqual([]);
  });
});

describe("Function: healthChangedEntry", () => {
  test("builds a health changed entry from the health monitor with the detail as JSON", () => {
    // Arrange
    const detail = healthChangedEvent().detail;

    // Act
    const entry = healthChangedEntry("lifecycle-bus", detail, SERVICE_ARN);

    // Assert
    expect(entry).toEqual({
      EventBusName: "lifecycle-bus",
      Source: EVENT_SOURCES.healthMonitor,
      DetailType: DETAIL_TYPES.healthChanged,
      Detail: JSON.stringify(detail),
      Resources: [SERVICE_ARN],
    });
    expect(DETAIL_TYPES.healthChanged).toBe("Service Health Changed");
  });

  test("carries a detail that the shared schema accepts after the JSON round trip", () => {
    // Arrange: the first change of a service has no previous status
    const detail = healthChangedEvent({ previousStatus: null, previousSince: null, status: "healthy" }).detail;

    // Act
    const entry = healthChangedEntry("lifecycle-bus", detail);

    // Assert
    expect(parseHealthChangedDetail(JSON.parse(entry.Detail ?? "null"))).toEqual({ ok: true, detail });
    expect(entry.Resources).toEqual([]);
  });
});

describe("Function: scalingActionEntry", () => {
  test("uses the auto-scaler source and detail type", () => {
    // Arrange
    const detail: ScalingActionDetail = {
      schemaVersion: 1,
      serviceName: "sl-orders",
      serviceId: "svc-0123456789abcdef0",
      decision: "scale-out",
      outcome: "applied",
      reason: "status unhealthy",
      computeType: "ec2-asg",
      computeId: "sl-orders-asg",
      previousCapacity: 2,
      desiredCapacity: 4,
      timestamp: "2025-01-01T00:00:00.000Z",
    };

    // Act
    const entry = scalingActionEntry("lifecycle-bus", detail);

    // Assert
    expect(entry).toMatchObject({
      Source: EVENT_SOURCES.autoScaler,
      DetailType: DETAIL_TYPES.scalingAction,
      Resources: [],
    });
  });
});

describe("Function: deploymentChangedEntry", () => {
  test("names the ECS service ARN as the resource", () => {
    // Arrange
    const detail: DeploymentChangedDetail = {
      schemaVersion: 1,
      serviceName: null,
      ecsServiceArn: "arn:aws:ecs:eu-west-1:111122223333:service/sl-cluster/orders",
      clusterArn: null,
      deploymentId: "ecs-svc/1234567890123456789",
      state: "SERVICE_DEPLOYMENT_COMPLETED",
      reason: null,
      taskDefinitionArn: null,
      version: null,
      timestamp: "2025-01-01T00:00:00.000Z",
    };

    // Act
    const entry = deploymentChangedEntry("lifecycle-bus", detail);

    // Assert
    expect(entry).toMatchObject({
      Source: EVENT_SOURCES.deploymentHandler,
      DetailType: DETAIL_TYPES.deploymentChanged,
      Resources: [detail.ecsServiceArn],
    });
  });
});

describe("Function: lifecycleEntry", () => {
  test("drops blank resources", () => {
    // Act
    const entry = lifecycleEntry("bus", "src", "type", {}, ["", undefined, null, "arn:aws:x"]);

    // Assert
    expect(entry.Resources).toEqual(["arn:aws:x"]);
  });
});
