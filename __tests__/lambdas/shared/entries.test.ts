import { DETAIL_TYPES, EVENT_SOURCES } from "../../../lambdas/shared/events";
import type { DeploymentChangedDetail, HealthCheckDetail, ScalingActionDetail } from "../../../lambdas/shared/events";
import {
  deploymentChangedEntry,
  healthCheckEntry,
  lifecycleEntry,
  scalingActionEntry,
} from "../../../lambdas/shared/entries";

const health: HealthCheckDetail = {
  schemaVersion: 1,
  serviceId: "svc-0123456789abcdef0",
  serviceName: "sl-orders",
  status: "unknown",
  reasons: ["TotalRequestCount: no data points in the window (status Complete)"],
  requestCount: null,
  errorRate: null,
  p99LatencyMs: null,
  windowMinutes: 5,
  timestamp: "2025-01-01T00:00:00.000Z",
};

describe("Function: healthCheckEntry", () => {
  test("builds a health check entry with the detail as JSON", () => {
    // Act
    const entry = healthCheckEntry(
      "lifecycle-bus",
      health,
      "arn:aws:vpc-lattice:eu-west-1:111122223333:service/svc-0123456789abcdef0"
    );

    // Assert
    expect(entry).toEqual({
      EventBusName: "lifecycle-bus",
      Source: EVENT_SOURCES.healthMonitor,
      DetailType: DETAIL_TYPES.healthCheck,
      Detail: JSON.stringify(health),
      Resources: ["arn:aws:vpc-lattice:eu-west-1:111122223333:service/svc-0123456789abcdef0"],
    });
  });

  test("keeps unknown numbers as JSON null", () => {
    // Act
    const detail = JSON.parse(healthCheckEntry("lifecycle-bus", health).Detail ?? "{}");

    // Assert
    expect(detail).toMatchObject({ requestCount: null, errorRate: null, p99LatencyMs: null });
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
