import type { Series, ServiceSeries } from "../../../lambdas/health-monitor/metric-data";
import { toReading } from "../../../lambdas/health-monitor/readings";

const complete = (values: number[]): Series => ({ values, status: "Complete", messages: [] });

function series(overrides: Partial<Record<keyof ServiceSeries, Series>> = {}): ServiceSeries {
  return { requests: complete([600, 400]), errors: complete([5, 5]), p99: complete([120, 180]), ...overrides };
}

describe("Function: toReading", () => {
  test("sums the counts, keeps the largest p99 and computes the error rate", () => {
    // Act
    const reading = toReading(series());

    // Assert
    expect(reading).toMatchObject({ requestCount: 1000, errorCount: 10, errorRate: 0.01, p99LatencyMs: 180 });
    expect(reading.gaps).toEqual({});
  });

  test("gives null request count, error rate and p99 when CloudWatch returned no values", () => {
    // Act
    const reading = toReading(series({ requests: complete([]), errors: complete([]), p99: complete([]) }));

    // Assert
    expect(reading).toMatchObject({ requestCount: null, errorRate: null, p99LatencyMs: null });
    expect(reading.gaps.requests).toBe("TotalRequestCount: no data points in the window (status Complete)");
  });

  test("counts missing 5xx data as 0 errors when the query is Complete", () => {
    // Act
    const reading = toReading(series({ errors: complete([]) }));

    // Assert
    expect(reading).toMatchObject({ errorCount: 0, errorRate: 0 });
  });

  test.each(["PartialData", "InternalError", "Forbidden", undefined])(
    "leaves missing 5xx data unknown when the query status is %p",
    (status) => {
      // Act
      const reading = toReading(series({ errors: { values: [], status, messages: [] } }));

      // Assert
      expect(reading).toMatchObject({ errorCount: null, errorRate: null });
      expect(reading.gaps.errors).toMatch(/^HTTPCode_5XX_Count: /);
    }
  );

  test("ignores the values of a query that failed", () => {
    // Act
    const reading = toReading(
      series({ requests: { values: [50], status: "InternalError", messages: ["InternalError: try later"] } })
    );

    // Assert
    expect(reading.requestCount).toBeNull();
    expect(reading.gaps.requests).toBe(
      "TotalRequestCount: query failed with status InternalError (InternalError: try later)"
    );
  });

  test("gives no number for a signal whose query is still PartialData, whatever values it holds", () => {
    // Arrange
    const partial = (values: number[]): Series => ({ values, status: "PartialData", messages: [] });

    // Act
    const reading = toReading(series({ requests: partial([40]), errors: partial([0]), p99: partial([120]) }));

    // Assert
    expect(reading).toMatchObject({ requestCount: null, errorCount: null, errorRate: null, p99LatencyMs: null });
    expect(reading.gaps.requests).toBe(
      "TotalRequestCount: incomplete data, the query is still PartialData after the last page read; 1 data point ignored"
    );
    expect(Object.keys(reading.gaps)).toEqual(["requests", "errors", "p99"]);
  });

  test("gives no number for data points of a query without a status", () => {
    // Act
    const reading = toReading(series({ requests: { values: [40, 60], messages: [] } }));

    // Assert
    expect(reading.requestCount).toBeNull();
    expect(reading.gaps.requests).toBe("TotalRequestCount: the query has no status; 2 data points ignored");
  });

  test("notes the CloudWatch messages of a signal that gave a number", () => {
    // Arrange
    const requests: Series = {
      values: [1000],
      status: "Complete",
      messages: ["MaxDatapointsExceeded: some data points were not returned"],
    };

    // Act
    const reading = toReading(series({ requests }));

    // Assert
    expect(reading.requestCount).toBe(1000);
    expect(reading.notes).toEqual([
      "TotalRequestCount: CloudWatch messages (MaxDatapointsExceeded: some data points were not returned)",
    ]);
  });

  test("leaves the error rate unknown when there were no requests", () => {
    // Act
    const reading = toReading(series({ requests: complete([0]), errors: complete([]) }));

    // Assert
    expect(reading).toMatchObject({ requestCount: 0, errorCount: 0, errorRate: null });
  });
});
