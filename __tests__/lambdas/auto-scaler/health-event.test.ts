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

  test("lists every problem of a malformed detail", () => {
    // Arrange
    const event = healthEvent({
      status: "on-fire" as never,
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
      'detail.serviceName must be a non-empty string, got ""',
      'detail.status must be one of healthy, degraded, unhealthy, unknown, got "on-fire"',
      "detail.reasons must be an array of strings",
      'detail.requestCount must be a non-negative number or null, got "1000"',
      "detail.errorRate must be a non-negative number or null, got -1",
    ]);
  });

  test("rejects a detail of another schema version", () => {
    // Act
    const parsed = parseHealthEvent(healthEvent({ schemaVersion: 2 as never }));

    // Assert
    expect(!parsed.ok && parsed.problems).toEqual(["detail.schemaVersion must be 1, got 2"]);
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
      problems: ['id must be a non-empty string, got ""', 'detail.timestamp must be an ISO-8601 time, got "yesterday"'],
    });
  });
});
