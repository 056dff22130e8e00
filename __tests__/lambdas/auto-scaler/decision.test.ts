import { decideDirection, planCapacity } from "../../../lambdas/auto-scaler/decision";
import { healthEvent } from "../../helpers/events";
import { ecsService } from "../../helpers/runtime-config";

// min 1, max 10, step 2; minRequests 100
const service = ecsService("orders");

describe("Function: decideDirection", () => {
  test("scales out an unhealthy service", () => {
    // Act
    const direction = decideDirection(
      healthEvent({ status: "unhealthy", reasons: ["errorRate 0.2 > maxErrorRate 0.02"] }).detail,
      service
    );

    // Assert
    expect(direction).toEqual({ decision: "scale-out", reason: "status unhealthy: errorRate 0.2 > maxErrorRate 0.02" });
  });

  test("scales in a healthy service that is idle", () => {
    // Act
    const direction = decideDirection(healthEvent({ status: "healthy", requestCount: 99 }).detail, service);

    // Assert
    expect(direction).toEqual({ decision: "scale-in", reason: "idle: requestCount 99 < minRequests 100" });
  });

  test("holds an idle service reported healthy whose own check observed trouble", () => {
    const direction = decideDirection(
      healthEvent({ status: "healthy", observedStatus: "unhealthy", pendingChecks: 1, requestCount: 0, reasons: ["healthyTargetShare 0 < minHealthyTargetShare 0.5"] })
        .detail,
      service
    );
    expect(direction).toEqual({
      decision: "hold",
      reason: "status healthy, but this check observed unhealthy: healthyTargetShare 0 < minHealthyTargetShare 0.5",
    });
  });

  test("holds a healthy service at exactly minRequests", () => {
    // Act
    const direction = decideDirection(healthEvent({ status: "healthy", requestCount: 100 }).detail, service);

    // Assert
    expect(direction.decision).toBe("hold");
  });

  test.each(["degraded", "unknown"] as const)("holds a %s service", (status) => {
    // Act
    const direction = decideDirection(healthEvent({ status, requestCount: 0 }).detail, service);

    // Assert
    expect(direction.decision).toBe("hold");
  });

  test("holds a healthy service whose request count is unknown", () => {
    // Act
    const direction = decideDirection(healthEvent({ status: "healthy", requestCount: null }).detail, service);

    // Assert
    expect(direction.decision).toBe("hold");
  });
});

describe("Function: planCapacity", () => {
  test("adds one step on scale-out", () => {
    // Act
    const plan = planCapacity(3, "scale-out", service);

    // Assert
    expect(plan).toEqual({ change: true, desired: 5, bounds: "[1, 10]" });
  });

  test("clamps a scale-out at max", () => {
    // Act
    const plan = planCapacity(9, "scale-out", service);

    // Assert
    expect(plan).toEqual({ change: true, desired: 10, bounds: "[1, 10]" });
  });

  test("clamps a scale-in at min", () => {
    // Act
    const plan = planCapacity(2, "scale-in", service);

    // Assert
    expect(plan).toEqual({ change: true, desired: 1, bounds: "[1, 10]" });
  });

  test("holds when already at max", () => {
    // Act
    const plan = planCapacity(10, "scale-out", service);

    // Assert
    expect(plan).toEqual({ change: false, reason: "capacity 10 already at or above max 10" });
  });

  test("never lowers capacity on scale-out, even above max", () => {
    // Act
    const plan = planCapacity(12, "scale-out", service);

    // Assert
    expect(plan.change).toBe(false);
  });

  test("holds when already at min", () => {
    // Act
    const plan = planCapacity(1, "scale-in", service);

    // Assert
    expect(plan).toEqual({ change: false, reason: "capacity 1 already at or below min 1" });
  });

  test("narrows the bounds to the resource's own limits", () => {
    // Act
    const plan = planCapacity(5, "scale-out", service, { min: 2, max: 6 });

    // Assert
    expect(plan).toEqual({ change: true, desired: 6, bounds: "[2, 6]" });
  });

  test("holds when configured and resource bounds do not overlap", () => {
    // Act
    const plan = planCapacity(5, "scale-out", service, { min: 20, max: 30 });

    // Assert
    expect(plan.change).toBe(false);
  });
});
