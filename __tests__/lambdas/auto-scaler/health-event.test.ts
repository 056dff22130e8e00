import { parseHealthEvent } from "../../../lambdas/auto-scaler/health-event";
import { healthEvent } from "../../helpers/events";

describe("Function: parseHealthEvent", () => {
  test("accepts a well-formed health check event", () => {
    // Arrange
    const event = healthEvent({ status: "unknown", requestCount: null, errorRate: null, p99LatencyMs: null });

    // Act
    const parsed = parseHealthEvent(event);

    // Assert
    expect(parsed).toEqual({ ok: true, detail: event.detail, envelope: { id: event.id, resources: event.resources } });
  });

  test("rejects an event from another source or of another type", () => {
    // Arrange
    const event = { ...healthEvent(), source: "aws.ecs", "detail-type": "ECS Task State Change" };

    // Act
    const parsed = parseHealthEvent(event);

    // Assert
    expect(parsed).toEqual({
      ok: false,
      problems: [
        'source must be "service-lifecycle.health-monitor", got "aws.ecs"',
        'detail-type must be "Service Health Check", got "ECS Task State Change"',
      ],
    });
  });

  test("lists every problem of a malformed detail, each naming its field", () => {
    // Arrange
    const event = healthEvent({
      status: "on-fire" as never,
      observedStatus: "unhealthy",
      serviceName: "",
      requestCount: "1000" as never,
      errorRate: -1,
      reasons: "bad" as never,
    });

    // Act
    const parsed = parseHealthEvent(event);

    // Assert
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems).toEqual([
      "detail.serviceName: too_small (minimum 1)",
      'detail.status: invalid_value (values ["healthy","degraded","unhealthy","unknown"])',
      "detail.reasons: invalid_type (expected \"array\")",
      "detail.requestCount: invalid_type (expected \"number\")",
      "detail.errorRate: too_small (minimum 0)",
    ]);
  });

  test("rejects a v1 detail, naming schemaVersion and the fields v2 added", () => {
    // Arrange: the detail the health monitor published before schema v2
    const v1 = {
      schemaVersion: 1,
      serviceId: "svc-0123456789abcdef0",
      serviceName: "sl-orders",
      status: "unhealthy",
      reasons: ["errorRate 0.2 > maxErrorRate 0.02"],
      requestCount: 1000,
      errorRate: 0.2,
      p99LatencyMs: 100,
      windowMinutes: 5,
      timestamp: "2025-03-01T12:07:42.000Z",
    };
    const event = { ...healthEvent(), detail: v1 };

    // Act
    const parsed = parseHealthEvent(event);

    // Assert
    expect(parsed.ok).toBe(false);
    const fields = !parsed.ok ? parsed.problems.map((p) => p.split(":")[0]) : [];
    expect(fields[0]).toBe("detail.schemaVersion");
    expect(fields).toEqual(
      expect.arrayContaining([
        "detail.serviceArn",
        "detail.observedStatus",
        "detail.pendingChecks",
        "detail.errorCount",
        "detail.clientErrorCount",
        "detail.targets",
      ])
    );
  });

  test("rejects a detail of another schema version", () => {
    // Act
    const parsed = parseHealthEvent(healthEvent({ schemaVersion: 3 as never }));

    // Assert
    expect(!parsed.ok && parsed.problems).toEqual(["detail.schemaVersion: invalid_value (values [2])"]);
  });

  test("accepts a detail with fields it does not know yet", () => {
    // Arrange
    const event = healthEvent();
    const detail = { ...event.detail, latencyBudgetMs: 250 };

    // Act
    const parsed = parseHealthEvent({ ...event, detail });

    // Assert
    expect(parsed).toEqual({ ok: true, detail: event.detail, envelope: { id: event.id, resources: event.resources } });
  });

  test.each([null, "event", [], { source: "service-lifecycle.health-monitor" }])("rejects %p", (event) => {
    // Act
    const parsed = parseHealthEvent(event);

    // Assert
    expect(parsed.ok).toBe(false);
  });

  test("rejects an event without an id or with a timestamp that is not a time", () => {
    // Arrange
    const event = { ...healthEvent(), id: "" };
    event.detail = { ...event.detail, timestamp: "yesterday" };

    // Act
    const parsed = parseHealthEvent(event);

    // Assert
    expect(parsed).toEqual({
      ok: false,
      problems: ['id must be a non-empty string, got ""', 'detail.timestamp: invalid_format (format "datetime")'],
    });
  });
});
