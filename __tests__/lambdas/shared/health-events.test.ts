import {
  HEALTH_CHANGED_SCHEMA_VERSION,
  HEALTH_CHECK_SCHEMA_VERSION,
  parseHealthChangedDetail,
  parseHealthCheckDetail,
} from "../../../lambdas/shared/health-events";
import { healthChangedEvent, healthEvent, targetSummary } from "../../helpers/events";

/** A copy of `detail` with `field` set to `value`, or removed when `value` is `undefined`. */
function withField(detail: object, field: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...detail };
  if (value === undefined) {
    delete copy[field];
  } else {
    copy[field] = value;
  }
  return copy;
}

/** Bad values for the fields both details share; `undefined` leaves the field out. */
const SHARED_BAD_VALUES: [string, unknown][] = [
  ["serviceId", ""],
  ["serviceName", 42],
  ["serviceArn", undefined],
  ["status", "on-fire"],
  ["reasons", "errorRate too high"],
  ["requestCount", "1000"],
  ["errorCount", -1],
  ["clientErrorCount", undefined],
  ["errorRate", -0.1],
  ["p99LatencyMs", -5],
  ["targets", "healthy"],
  ["windowMinutes", 0],
  ["timestamp", "yesterday"],
];

describe("Function: parseHealthCheckDetail", () => {
  test("accepts the v2 detail the test helper builds and returns it unchanged", () => {
    // Arrange
    const detail = healthEvent().detail;

    // Act
    const parsed = parseHealthCheckDetail(detail);

    // Assert
    expect(parsed).toEqual({ ok: true, detail });
    expect(detail.schemaVersion).toBe(HEALTH_CHECK_SCHEMA_VERSION);
  });

  test("accepts unknown numbers as null and targets that could not be read", () => {
    // Arrange
    const detail = healthEvent({
      status: "unknown",
      serviceArn: null,
      requestCount: null,
      errorCount: null,
      clientErrorCount: null,
      errorRate: null,
      p99LatencyMs: null,
      targets: null,
    }).detail;

    // Act
    const parsed = parseHealthCheckDetail(detail);

    // Assert
    expect(parsed.ok).toBe(true);
  });

  test.each([
    ...SHARED_BAD_VALUES,
    ["schemaVersion", 1],
    ["observedStatus", "fine"],
    ["pendingChecks", 1.5],
  ])("names detail.%s when it holds %p", (field, value) => {
    // Arrange
    const detail = withField(healthEvent().detail, field, value);

    // Act
    const parsed = parseHealthCheckDetail(detail);

    // Assert
    expect(parsed).toEqual({ ok: false, problems: [expect.stringMatching(new RegExp(`^detail\\.${field}: `))] });
  });

  test("spells out the rule a value broke", () => {
    // Arrange
    const detail = { ...healthEvent().detail, errorRate: 1.2, schemaVersion: 1 };

    // Act
    const parsed = parseHealthCheckDetail(detail);

    // Assert
    expect(parsed).toEqual({
      ok: false,
      problems: [
        `detail.schemaVersion: invalid_value (values [${HEALTH_CHECK_SCHEMA_VERSION}])`,
        "detail.errorRate: too_big (maximum 1)",
      ],
    });
  });

  test("rejects an error rate above 1", () => {
    // Act
    const parsed = parseHealthCheckDetail(healthEvent({ errorRate: 1.0001 }).detail);

    // Assert
    expect(!parsed.ok && parsed.problems).toEqual(["detail.errorRate: too_big (maximum 1)"]);
  });

  test("accepts an error rate of exactly 1", () => {
    // Act
    const parsed = parseHealthCheckDetail(healthEvent({ errorRate: 1 }).detail);

    // Assert
    expect(parsed.ok).toBe(true);
  });

  test.each(["yesterday", "2025-03-01 12:07:42Z", "2025-03-01", "1740830862000", "2025-03-01T12:07:42+02:00"])(
    "rejects the timestamp %p, which is no ISO-8601 UTC time",
    (timestamp) => {
      // Act
      const parsed = parseHealthCheckDetail(healthEvent({ timestamp }).detail);

      // Assert
      expect(!parsed.ok && parsed.problems).toEqual(['detail.timestamp: invalid_format (format "datetime")']);
    }
  );

  test.each(["2025-03-01T12:07:42Z", "2025-03-01T12:07:42.123Z"])("accepts the timestamp %p", (timestamp) => {
    // Act
    const parsed = parseHealthCheckDetail(healthEvent({ timestamp }).detail);

    // Assert
    expect(parsed.ok).toBe(true);
  });

  test("names the nested path of a bad target count", () => {
    // Arrange
    const detail = healthEvent({ targets: targetSummary({ healthyShare: 1.5, unhealthy: -1 }) }).detail;

    // Act
    const parsed = parseHealthCheckDetail(detail);

    // Assert
    expect(!parsed.ok && parsed.problems).toEqual([
      "detail.targets.healthyShare: too_big (maximum 1)",
      "detail.targets.unhealthy: too_small (minimum 0)",
    ]);
  });

  test("lists one problem per wrong field, not just the first", () => {
    // Arrange
    const detail = { ...healthEvent().detail, status: "on-fire", pendingChecks: -1, windowMinutes: 2.5 };

    // Act
    const parsed = parseHealthCheckDetail(detail);

    // Assert
    expect(!parsed.ok && parsed.problems.map((p) => p.split(":")[0])).toEqual([
      "detail.status",
      "detail.pendingChecks",
      "detail.windowMinutes",
    ]);
  });

  test("accepts unknown extra fields and leaves them out of the result, as z.object strips unknown keys", () => {
    // Arrange: a newer producer adds optional fields, at the top and inside targets
    const detail = {
      ...healthEvent().detail,
      latencyBudgetMs: 250,
      targets: { ...targetSummary(), zones: 3 },
    };

    // Act
    const parsed = parseHealthCheckDetail(detail);

    // Assert
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.detail).not.toHaveProperty("latencyBudgetMs");
    expect(parsed.ok && parsed.detail.targets).toEqual(targetSummary());
  });

  test.each([null, "detail", [], 42])("rejects %p as a whole", (detail) => {
    // Act
    const parsed = parseHealthCheckDetail(detail);

    // Assert
    expect(parsed).toEqual({ ok: false, problems: [expect.stringMatching(/^detail: invalid_type/)] });
  });
});

describe("Function: parseHealthChangedDetail", () => {
  test("accepts the v1 detail the test helper builds and returns it unchanged", () => {
    // Arrange
    const detail = healthChangedEvent().detail;

    // Act
    const parsed = parseHealthChangedDetail(detail);

    // Assert
    expect(parsed).toEqual({ ok: true, detail });
    expect(detail.schemaVersion).toBe(HEALTH_CHANGED_SCHEMA_VERSION);
  });

  test("accepts the first change of a service, with no previous status", () => {
    // Act
    const parsed = parseHealthChangedDetail(healthChangedEvent({ previousStatus: null, previousSince: null }).detail);

    // Assert
    expect(parsed.ok).toBe(true);
  });

  test.each([
    ...SHARED_BAD_VALUES,
    ["schemaVersion", 2],
    ["previousStatus", "fine"],
    ["previousSince", "an hour ago"],
    ["confirmedByChecks", 0],
  ])("names detail.%s when it holds %p", (field, value) => {
    // Arrange
    const detail = withField(healthChangedEvent().detail, field, value);

    // Act
    const parsed = parseHealthChangedDetail(detail);

    // Assert
    expect(parsed).toEqual({ ok: false, problems: [expect.stringMatching(new RegExp(`^detail\\.${field}: `))] });
  });

  test("rejects a Health Check detail, naming the fields a change needs", () => {
    // Act
    const parsed = parseHealthChangedDetail(healthEvent().detail);

    // Assert
    expect(!parsed.ok && parsed.problems.map((p) => p.split(":")[0])).toEqual([
      "detail.schemaVersion",
      "detail.previousStatus",
      "detail.previousSince",
      "detail.confirmedByChecks",
    ]);
  });

  test("accepts unknown extra fields and leaves them out of the result", () => {
    // Act
    const parsed = parseHealthChangedDetail({ ...healthChangedEvent().detail, runbookUrl: "https://example.com/rb" });

    // Assert
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.detail).not.toHaveProperty("runbookUrl");
  });
});
