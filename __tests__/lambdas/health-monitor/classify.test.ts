import { classify } from "../../../lambdas/health-monitor/classify";
import type { HealthReading } from "../../../lambdas/health-monitor/readings";
import type { HealthThresholds } from "../../../lambdas/shared/runtime-config";

const thresholds: HealthThresholds = { maxErrorRate: 0.05, maxP99LatencyMs: 500, minRequests: 100 };

function reading(requestCount: number | null, errorCount: number | null, p99LatencyMs: number | null): HealthReading {
  const errorRate = requestCount && errorCount !== null ? errorCount / requestCount : null;
  return { requestCount, errorCount, errorRate, p99LatencyMs, gaps: {}, notes: [] };
}

describe("Function: classify", () => {
  test("classifies a service without request data as unknown, never healthy", () => {
    // Act
    const result = classify(
      { ...reading(null, null, null), gaps: { requests: "TotalRequestCount: no data points" } },
      thresholds,
      5
    );

    // Assert
    expect(result).toEqual({ status: "unknown", reasons: ["TotalRequestCount: no data points"] });
  });

  test("classifies an idle service as healthy without evaluating rates", () => {
    // Act
    const result = classify(reading(99, 99, 9000), thresholds, 5);

    // Assert
    expect(result).toEqual({
      status: "healthy",
      reasons: ["idle: TotalRequestCount 99 < minRequests 100; rates not evaluated"],
    });
  });

  test("evaluates rates at exactly minRequests requests", () => {
    // Act
    const result = classify(reading(100, 6, 100), thresholds, 5);

    // Assert
    expect(result.status).toBe("unhealthy");
  });

  test("treats an error rate exactly at the threshold as no breach", () => {
    // Act
    const result = classify(reading(1000, 50, 100), thresholds, 5);

    // Assert
    expect(result.status).toBe("healthy");
    expect(result.reasons).toContain(
      "errorRate 0.05 <= maxErrorRate 0.05 (HTTPCode_5XX_Count 50 of TotalRequestCount 1000)"
    );
  });

  test("classifies an error rate just above the threshold as unhealthy and names signal, value and threshold", () => {
    // Act
    const result = classify(reading(1000, 51, 100), thresholds, 5);

    // Assert
    expect(result).toEqual({
      status: "unhealthy",
      reasons: ["errorRate 0.051 > maxErrorRate 0.05 (HTTPCode_5XX_Count 51 of TotalRequestCount 1000)"],
    });
  });

  test("treats a p99 exactly at the threshold as no breach", () => {
    // Act
    const result = classify(reading(1000, 0, 500), thresholds, 5);

    // Assert
    expect(result).toEqual({
      status: "healthy",
      reasons: [
        "errorRate 0 <= maxErrorRate 0.05 (HTTPCode_5XX_Count 0 of TotalRequestCount 1000)",
        "RequestTime p99 500 ms <= maxP99LatencyMs 500 ms",
      ],
    });
  });

  test("classifies a p99 above the threshold as degraded", () => {
    // Act
    const result = classify(reading(1000, 0, 500.5), thresholds, 5);

    // Assert
    expect(result).toEqual({ status: "degraded", reasons: ["RequestTime p99 500.5 ms > maxP99LatencyMs 500 ms"] });
  });

  test("lets unhealthy win over degraded and lists both breaches", () => {
    // Act
    const result = classify(reading(1000, 100, 900), thresholds, 5);

    // Assert
    expect(result.status).toBe("unhealthy");
    expect(result.reasons).toHaveLength(2);
  });

  test("classifies a service as unknown when the error rate cannot be computed", () => {
    // Act
    const result = classify(
      {
        ...reading(1000, null, 100),
        gaps: { errors: "HTTPCode_5XX_Count: no data points in the window (status PartialData)" },
      },
      thresholds,
      5
    );

    // Assert
    expect(result.status).toBe("unknown");
    expect(result.reasons[0]).toBe("HTTPCode_5XX_Count: no data points in the window (status PartialData)");
  });

  test("reports a known breach even when another signal is missing", () => {
    // Act
    const result = classify(reading(1000, 200, null), thresholds, 5);

    // Assert
    expect(result.status).toBe("unhealthy");
  });

  test("classifies a service with no requests as idle even when minRequests is 0", () => {
    // Act
    const result = classify(reading(0, 0, null), { ...thresholds, minRequests: 0 }, 5);

    // Assert
    expect(result).toEqual({ status: "healthy", reasons: ["idle: TotalRequestCount 0; rates not evaluated"] });
  });
});
