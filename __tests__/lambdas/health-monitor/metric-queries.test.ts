import {
  PERIOD_SECONDS,
  QUERIES_PER_SERVICE,
  SERVICE_SIGNALS,
  metricWindow,
  queryId,
  serviceQueries,
  signalName,
} from "../../../lambdas/health-monitor/metric-queries";

describe("Function: metricWindow", () => {
  test("ends at the start of the current minute, spans the configured minutes and reads 60-second periods", () => {
    // Act
    const window = metricWindow(new Date("2025-03-01T12:07:42.123Z"), 5);

    // Assert
    expect(window).toEqual({
      start: new Date("2025-03-01T12:02:00.000Z"),
      end: new Date("2025-03-01T12:07:00.000Z"),
      periodSeconds: 60,
      minutes: 5,
    });
  });

  test("leaves out the current minute even at its very first millisecond", () => {
    // Act
    const window = metricWindow(new Date("2025-03-01T12:07:00.000Z"), 1);

    // Assert
    expect(window.end.toISOString()).toBe("2025-03-01T12:07:00.000Z");
    expect(window.start.toISOString()).toBe("2025-03-01T12:06:00.000Z");
  });

  test("keeps the window on whole minutes just before a minute turns", () => {
    // Act
    const window = metricWindow(new Date("2025-03-01T00:00:59.999Z"), 15);

    // Assert
    expect(window.end.toISOString()).toBe("2025-03-01T00:00:00.000Z");
    expect(window.start.toISOString()).toBe("2025-02-28T23:45:00.000Z");
  });

  test("holds exactly one period per minute of the window", () => {
    // Act
    const window = metricWindow(new Date("2025-03-01T12:07:42Z"), 10);

    // Assert
    const periods = (window.end.getTime() - window.start.getTime()) / (window.periodSeconds * 1000);
    expect(periods).toBe(window.minutes);
  });

  test.each([0, -5, 2.5, Number.NaN])("throws for a window of %p minutes", (minutes) => {
    // Act
    const act = () => metricWindow(new Date(), minutes);

    // Assert
    expect(act).toThrow(`healthWindowMinutes must be a positive whole number of minutes, got ${minutes}`);
  });
});

describe("Function: serviceQueries", () => {
  const metric = (name: string, stat: string, id: string) => ({
    Id: id,
    ReturnData: true,
    MetricStat: {
      Metric: {
        Namespace: "AWS/VpcLattice",
        MetricName: name,
        Dimensions: [{ Name: "Service", Value: "svc-0123456789abcdef0" }],
      },
      Period: 60,
      Stat: stat,
    },
  });

  test("reads requests, 5xx and 4xx Sums and RequestTime p99 by the Service dimension, plus the 5xx/requests expression", () => {
    // Act
    const queries = serviceQueries(7, "svc-0123456789abcdef0", 60);

    // Assert
    expect(queries).toEqual([
      metric("TotalRequestCount", "Sum", "r7"),
      metric("HTTPCode_5XX_Count", "Sum", "e7"),
      metric("HTTPCode_4XX_Count", "Sum", "c7"),
      metric("RequestTime", "p99", "l7"),
      { Id: "x7", ReturnData: true, Label: "errorRate", Expression: "e7/r7", Period: 60 },
    ]);
  });

  test("builds as many queries as QUERIES_PER_SERVICE, one per signal", () => {
    // Act
    const queries = serviceQueries(0, "svc-0123456789abcdef0", PERIOD_SECONDS);

    // Assert
    expect(QUERIES_PER_SERVICE).toBe(5);
    expect(queries).toHaveLength(QUERIES_PER_SERVICE);
    expect(queries.map((q) => q.Id)).toEqual(SERVICE_SIGNALS.map((s) => queryId(s, 0)));
  });

  test("divides the 5xx query of the same service by its request query", () => {
    // Act
    const queries = serviceQueries(42, "svc-0123456789abcdef0", 60);

    // Assert
    const expression = queries.find((q) => q.Expression !== undefined);
    const [numerator, denominator] = (expression?.Expression ?? "").split("/");
    const byId = new Map(queries.map((q) => [q.Id, q]));
    expect(byId.get(numerator)?.MetricStat?.Metric?.MetricName).toBe("HTTPCode_5XX_Count");
    expect(byId.get(denominator)?.MetricStat?.Metric?.MetricName).toBe("TotalRequestCount");
    expect(expression?.MetricStat).toBeUndefined();
  });

  test("uses the given period on every query", () => {
    // Act
    const queries = serviceQueries(1, "svc-0123456789abcdef0", PERIOD_SECONDS);

    // Assert
    expect(PERIOD_SECONDS).toBe(60);
    expect(queries.map((q) => q.MetricStat?.Period ?? q.Period)).toEqual(Array(5).fill(60));
  });

  test("builds ids that start with a lowercase letter and are unique across services", () => {
    // Act
    const ids = [0, 1, 12, 99].flatMap((i) => SERVICE_SIGNALS.map((signal) => queryId(signal, i)));

    // Assert
    ids.forEach((id) => expect(id).toMatch(/^[a-z][a-zA-Z0-9_]*$/));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("Function: signalName", () => {
  test("names metrics by their CloudWatch name and the rate by its expression", () => {
    // Act
    const names = SERVICE_SIGNALS.map(signalName);

    // Assert
    expect(names).toEqual([
      "TotalRequestCount",
      "HTTPCode_5XX_Count",
      "HTTPCode_4XX_Count",
      "RequestTime",
      "errorRate (metric math HTTPCode_5XX_Count/TotalRequestCount)",
    ]);
  });
});
