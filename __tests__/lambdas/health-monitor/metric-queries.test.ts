import { metricWindow, queryId, serviceQueries } from "../../../lambdas/health-monitor/metric-queries";

describe("Function: metricWindow", () => {
  test("ends at the start of the current minute and spans the configured minutes", () => {
    // Act
    const window = metricWindow(new Date("2025-03-01T12:07:42.123Z"), 5);

    // Assert
    expect(window.end.toISOString()).toBe("2025-03-01T12:07:00.000Z");
    expect(window.start.toISOString()).toBe("2025-03-01T12:02:00.000Z");
    expect(window.periodSeconds).toBe(300);
  });

  test.each([0, -5, 2.5])("throws for a window of %p minutes", (minutes) => {
    // Act
    const act = () => metricWindow(new Date(), minutes);

    // Assert
    expect(act).toThrow(`healthWindowMinutes must be a positive whole number of minutes, got ${minutes}`);
  });
});

describe("Function: serviceQueries", () => {
  test("reads request Sum, 5xx Sum and RequestTime p99 by the Service dimension over one period", () => {
    // Act
    const queries = serviceQueries(7, "svc-0123456789abcdef0", 300);

    // Assert
    const metric = (name: string, stat: string, id: string) => ({
      Id: id,
      ReturnData: true,
      MetricStat: {
        Metric: {
          Namespace: "AWS/VpcLattice",
          MetricName: name,
          Dimensions: [{ Name: "Service", Value: "svc-0123456789abcdef0" }],
        },
        Period: 300,
        Stat: stat,
      },
    });
    expect(queries).toEqual([
      metric("TotalRequestCount", "Sum", "r7"),
      metric("HTTPCode_5XX_Count", "Sum", "e7"),
      metric("RequestTime", "p99", "l7"),
    ]);
  });

  test("builds ids that start with a lowercase letter", () => {
    // Act
    const ids = [queryId("requests", 0), queryId("errors", 12), queryId("p99", 499)];

    // Assert
    ids.forEach((id) => expect(id).toMatch(/^[a-z][a-zA-Z0-9_]*$/));
  });
});
