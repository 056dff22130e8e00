import type { Series, ServiceSeries } from "../../../lambdas/health-monitor/metric-data";
import { toReading } from "../../../lambdas/health-monitor/readings";

const WINDOW_START = Date.parse("2025-03-01T12:02:00Z");
const RATE = "errorRate (metric math HTTPCode_5XX_Count/TotalRequestCount)";

/** Epoch ms of minute `i` of the window. */
const minute = (i: number) => WINDOW_START + i * 60_000;

/** A `Complete` series with one value per minute, from the window's first minute on. */
function complete(values: number[], timestamps: number[] = values.map((_, i) => minute(i))): Series {
  return { values, timestamps, status: "Complete", messages: [] };
}

/** A series with the given status (or none), one value per minute. */
function withStatus(status: string | undefined, values: number[], messages: string[] = []): Series {
  return { values, timestamps: values.map((_, i) => minute(i)), status, messages };
}

/** What CloudWatch's `e/r` expression gives: a rate for each minute with requests, at that minute. */
function ratesOf(requests: number[], errors: number[]): Series {
  const minutes = requests.flatMap((r, i) => (r > 0 ? [i] : []));
  return complete(
    minutes.map((i) => (errors[i] ?? 0) / requests[i]),
    minutes.map(minute)
  );
}

const REQUESTS = [600, 400];
const ERRORS = [30, 2];
const CLIENT_ERRORS = [7, 3];
const P99 = [120, 480];

function series(overrides: Partial<Record<keyof ServiceSeries, Series>> = {}): ServiceSeries {
  return {
    requests: complete(REQUESTS),
    errors: complete(ERRORS),
    clientErrors: complete(CLIENT_ERRORS),
    p99: complete(P99),
    errorRate: ratesOf(REQUESTS, ERRORS),
    ...overrides,
  };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe("Function: toReading", () => {
  test("sums the counts, keeps the highest per-minute p99 and gives the 5xx share of the window", () => {
    // Act
    const reading = toReading(series());

    // Assert
    expect(reading).toMatchObject({
      traffic: "measured",
      requestCount: sum(REQUESTS),
      errorCount: sum(ERRORS),
      clientErrorCount: sum(CLIENT_ERRORS),
      p99LatencyMs: Math.max(...P99),
    });
    expect(reading.errorRate).toBeCloseTo(sum(ERRORS) / sum(REQUESTS), 12);
    expect(reading.gaps).toEqual({});
    expect(reading.notes).toEqual([]);
  });

  test("weights each minute's rate by that minute's requests rather than averaging the rates", () => {
    // Arrange: a quiet minute with many errors must not dominate
    const requests = [900, 100];
    const errors = [9, 50];
    const rates = ratesOf(requests, errors);

    // Act
    const reading = toReading(
      series({ requests: complete(requests), errors: complete(errors), errorRate: rates })
    );

    // Assert
    const meanOfRates = sum(rates.values) / rates.values.length;
    expect(reading.errorRate).toBeCloseTo(sum(errors) / sum(requests), 12);
    expect(reading.errorRate).not.toBeCloseTo(meanOfRates, 2);
  });

  test("gives a rate over the minutes with requests when some minutes had none", () => {
    // Arrange: CloudWatch drops the rate of a minute with 0 requests
    const requests = [0, 500, 0];
    const errors = [0, 10, 0];

    // Act
    const reading = toReading(
      series({ requests: complete(requests), errors: complete(errors), errorRate: ratesOf(requests, errors) })
    );

    // Assert
    expect(reading.errorRate).toBeCloseTo(sum(errors) / sum(requests), 12);
    expect(reading.gaps).toEqual({});
  });

  test("adds up the requests of a minute that came back on two pages", () => {
    // Arrange: minute 0 arrived as 250 + 350
    const requests = complete([250, 350, 400], [minute(0), minute(0), minute(1)]);
    const errorRate = complete([30 / 600, 2 / 400], [minute(0), minute(1)]);

    // Act
    const reading = toReading(series({ requests, errorRate }));

    // Assert
    expect(reading.requestCount).toBe(250 + 350 + 400);
    expect(reading.errorRate).toBeCloseTo((30 + 2) / (600 + 400), 12);
  });

  test("reports no traffic, not 0 requests, when a Complete request query has no data points", () => {
    // Act
    const empty = complete([]);
    const reading = toReading(
      series({ requests: empty, errors: empty, clientErrors: empty, p99: empty, errorRate: empty })
    );

    // Assert
    expect(reading).toMatchObject({
      traffic: "none",
      requestCount: null,
      errorCount: 0,
      clientErrorCount: 0,
      errorRate: null,
      p99LatencyMs: null,
    });
    expect(reading.gaps).toEqual({
      requests: "TotalRequestCount: no data points in the window (status Complete)",
      p99: "RequestTime: no data points in the window (status Complete)",
    });
  });

  test("measures 0 requests as traffic and leaves the error rate out without a gap", () => {
    // Arrange
    const requests = [0, 0];

    // Act
    const reading = toReading(
      series({ requests: complete(requests), errors: complete([0, 0]), errorRate: ratesOf(requests, []) })
    );

    // Assert
    expect(reading).toMatchObject({ traffic: "measured", requestCount: 0, errorCount: 0, errorRate: null });
    expect(reading.gaps.errorRate).toBeUndefined();
  });

  test.each([
    ["InternalError", []],
    ["Forbidden", []],
    ["PartialData", [40]],
    [undefined, [40, 60]],
  ] as const)("reports traffic unknown when the request query is %p", (status, values) => {
    // Act
    const reading = toReading(series({ requests: withStatus(status, [...values]) }));

    // Assert
    expect(reading).toMatchObject({ traffic: "unknown", requestCount: null, errorRate: null });
    expect(reading.gaps.requests).toMatch(/^TotalRequestCount: /);
    expect(reading.gaps.errorRate).toBeUndefined();
  });

  test("counts missing 5xx and 4xx data as 0 when their queries are Complete", () => {
    // Arrange: no errors at all, so the rate is 0 in every minute
    const rates = ratesOf(REQUESTS, []);

    // Act
    const reading = toReading(series({ errors: complete([]), clientErrors: complete([]), errorRate: rates }));

    // Assert
    expect(reading).toMatchObject({ errorCount: 0, clientErrorCount: 0, errorRate: 0 });
    expect(reading.gaps).toEqual({});
  });

  test.each(["PartialData", "InternalError", "Forbidden", undefined])(
    "leaves the 5xx count unknown when its query status is %p",
    (status) => {
      // Act
      const reading = toReading(series({ errors: withStatus(status, []) }));

      // Assert
      expect(reading.errorCount).toBeNull();
      expect(reading.gaps.errors).toMatch(/^HTTPCode_5XX_Count: /);
    }
  );

  test("leaves the 4xx count unknown when its query failed, and says so", () => {
    // Act
    const reading = toReading(
      series({ clientErrors: withStatus("Forbidden", [], ["Forbidden: not authorized for HTTPCode_4XX_Count"]) })
    );

    // Assert
    expect(reading.clientErrorCount).toBeNull();
    expect(reading.errorCount).toBe(sum(ERRORS));
    expect(reading.gaps).toEqual({
      clientErrors:
        "HTTPCode_4XX_Count: query failed with status Forbidden (Forbidden: not authorized for HTTPCode_4XX_Count)",
    });
  });

  test("keeps the error rate when the 5xx count is unknown, since the expression stands on its own", () => {
    // Act
    const reading = toReading(series({ errors: withStatus("InternalError", []) }));

    // Assert
    expect(reading.errorCount).toBeNull();
    expect(reading.errorRate).toBeCloseTo(sum(ERRORS) / sum(REQUESTS), 12);
  });

  test("leaves the error rate unknown when the rate minutes do not line up with the request minutes", () => {
    // Arrange: the rates are stamped 30 s off the request minutes
    const shifted = ratesOf(REQUESTS, ERRORS);
    const errorRate = complete(shifted.values, shifted.timestamps.map((t) => t + 30_000));

    // Act
    const reading = toReading(series({ errorRate }));

    // Assert
    expect(reading.errorRate).toBeNull();
    expect(reading.gaps.errorRate).toBe(
      `${RATE}: its minutes do not line up with TotalRequestCount; 2 data points ignored`
    );
  });

  test("leaves the error rate unknown when one rate has a minute without a request count", () => {
    // Arrange: minute 2 has a rate but no TotalRequestCount data point
    const rates = ratesOf(REQUESTS, ERRORS);
    const errorRate = complete([...rates.values, 0.5], [...rates.timestamps, minute(2)]);

    // Act
    const reading = toReading(series({ errorRate }));

    // Assert
    expect(reading.errorRate).toBeNull();
    expect(reading.gaps.errorRate).toMatch(/do not line up with TotalRequestCount; 3 data points ignored$/);
  });

  test("leaves the error rate unknown when the rates came without timestamps", () => {
    // Arrange
    const rates = ratesOf(REQUESTS, ERRORS);
    const errorRate = complete(rates.values, rates.values.map(() => Number.NaN));

    // Act
    const reading = toReading(series({ errorRate }));

    // Assert
    expect(reading.errorRate).toBeNull();
    expect(reading.gaps.errorRate).toMatch(/^errorRate \(metric math /);
  });

  test("leaves the error rate unknown when the expression failed, naming its status and messages", () => {
    // Act
    const reading = toReading(
      series({ errorRate: withStatus("InternalError", [], ["InternalError: expression could not be evaluated"]) })
    );

    // Assert
    expect(reading.errorRate).toBeNull();
    expect(reading.gaps.errorRate).toBe(
      `${RATE}: query failed with status InternalError (InternalError: expression could not be evaluated)`
    );
  });

  test("leaves the error rate unknown when a Complete expression gave nothing although there were requests", () => {
    // Act
    const reading = toReading(series({ errorRate: complete([]) }));

    // Assert
    expect(reading.errorRate).toBeNull();
    expect(reading.gaps.errorRate).toBe(`${RATE}: no data points in the window (status Complete)`);
  });

  test("ignores every value of a query that is still PartialData", () => {
    // Arrange
    const partial = (values: number[]) => withStatus("PartialData", values);

    // Act
    const reading = toReading(
      series({ requests: partial([40]), errors: partial([0]), p99: partial([120, 90]), errorRate: partial([0]) })
    );

    // Assert
    expect(reading).toMatchObject({ traffic: "unknown", requestCount: null, errorCount: null, p99LatencyMs: null });
    expect(reading.gaps).toEqual({
      requests:
        "TotalRequestCount: incomplete data, the query is still PartialData after the last page read; 1 data point ignored",
      errors:
        "HTTPCode_5XX_Count: incomplete data, the query is still PartialData after the last page read; 1 data point ignored",
      p99: "RequestTime: incomplete data, the query is still PartialData after the last page read; 2 data points ignored",
    });
  });

  test("ignores the values of a query that failed", () => {
    // Act
    const reading = toReading(series({ p99: withStatus("Forbidden", [250], ["Forbidden: access denied"]) }));

    // Assert
    expect(reading.p99LatencyMs).toBeNull();
    expect(reading.gaps.p99).toBe("RequestTime: query failed with status Forbidden (Forbidden: access denied)");
  });

  test("gives no number for data points of a query without a status", () => {
    // Act
    const reading = toReading(series({ clientErrors: withStatus(undefined, [4, 6]) }));

    // Assert
    expect(reading.clientErrorCount).toBeNull();
    expect(reading.gaps.clientErrors).toBe("HTTPCode_4XX_Count: the query has no status; 2 data points ignored");
  });

  test("keeps the CloudWatch messages of signals that gave a number as notes, in signal order", () => {
    // Arrange
    const note = "MaxDatapointsExceeded: some data points were not returned";
    const requests: Series = { ...complete(REQUESTS), messages: [note] };
    const rates = ratesOf(REQUESTS, ERRORS);
    const errorRate: Series = { ...rates, messages: ["ArithmeticError: division by zero in 1 period", note] };

    // Act
    const reading = toReading(series({ requests, errorRate }));

    // Assert
    expect(reading.requestCount).toBe(sum(REQUESTS));
    expect(reading.errorRate).not.toBeNull();
    expect(reading.notes).toEqual([
      `TotalRequestCount: CloudWatch messages (${note})`,
      `${RATE}: CloudWatch messages (ArithmeticError: division by zero in 1 period; ${note})`,
    ]);
  });

  test("puts the messages of a signal that gave no number in its gap, not in the notes", () => {
    // Act
    const reading = toReading(series({ p99: withStatus("PartialData", [100], ["PartialData: more pages"]) }));

    // Assert
    expect(reading.gaps.p99).toMatch(/\(PartialData: more pages\)$/);
    expect(reading.notes).toEqual([]);
  });

  test("leaves the error rate unknown when a minute with requests has no rate", () => {
    const reading = toReading({
      requests: complete([100, 100]),
      errors: complete([5, 45]),
      clientErrors: complete([]),
      p99: complete([100, 100]),
      errorRate: complete([5 / 100], [minute(0)]),
    });
    expect(reading.errorRate).toBeNull();
    expect(reading.gaps.errorRate).toMatch(/do not line up with TotalRequestCount/);
  });
});
