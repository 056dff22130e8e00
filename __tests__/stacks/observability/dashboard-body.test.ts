import { RUN_METRICS } from "../../../lambdas/health-monitor/run-metric-names";
import { dashboardBody, dashboardUrl } from "../../../stacks/observability/dashboard-body";
import { runMetricsPlace } from "../../../stacks/observability/run-metrics";

const input = {
  title: "Service lifecycle",
  region: "us-east-1",
  services: [
    { name: "orders", serviceId: "svc-0aaa", maxErrorRate: 0.02, maxP99LatencyMs: 800 },
    { name: "payments", serviceId: "svc-0bbb", maxErrorRate: 0.01, maxP99LatencyMs: 1200 },
  ],
  functionNames: ["p-health-monitor", "p-auto-scaler"],
  logGroupNames: ["/aws/lambda/p-health-monitor", "/aws/lambda/p-auto-scaler"],
  queueNames: ["p-health-monitor-dlq"],
  runMetrics: runMetricsPlace("p", 5),
};

describe("dashboardBody", () => {
  const body = dashboardBody(input);
  const metric = body.widgets.filter((w) => w.type === "metric");

  test("charts requests, the error rate and p99 request time per service by the Service dimension", () => {
    const rows = metric.flatMap((w) => w.properties.metrics as unknown[][]).filter((m) => m[0] === "AWS/VpcLattice");
    expect(rows.map((r) => r.slice(0, 4))).toEqual([
      ["AWS/VpcLattice", "TotalRequestCount", "Service", "svc-0aaa"],
      ["AWS/VpcLattice", "HTTPCode_5XX_Count", "Service", "svc-0aaa"],
      ["AWS/VpcLattice", "TotalRequestCount", "Service", "svc-0aaa"],
      ["AWS/VpcLattice", "RequestTime", "Service", "svc-0aaa"],
      ["AWS/VpcLattice", "TotalRequestCount", "Service", "svc-0bbb"],
      ["AWS/VpcLattice", "HTTPCode_5XX_Count", "Service", "svc-0bbb"],
      ["AWS/VpcLattice", "TotalRequestCount", "Service", "svc-0bbb"],
      ["AWS/VpcLattice", "RequestTime", "Service", "svc-0bbb"],
    ]);
    expect(metric.find((w) => w.properties.title === "orders: p99 request time (ms)")!.properties.stat).toBe("p99");
  });

  test("computes the error rate with metric math from hidden 5xx and request series", () => {
    const widget = metric.find((w) => w.properties.title === "orders: error rate (5xx / requests)")!;
    expect(widget.properties.metrics).toEqual([
      ["AWS/VpcLattice", "HTTPCode_5XX_Count", "Service", "svc-0aaa", { id: "e", visible: false }],
      ["AWS/VpcLattice", "TotalRequestCount", "Service", "svc-0aaa", { id: "r", visible: false }],
      [{ expression: "e/r", label: "error rate", id: "x" }],
    ]);
    expect(widget.properties.stat).toBe("Sum");
  });

  test("draws each service's own thresholds on its error-rate and p99 charts", () => {
    const annotations = (title: string) => metric.find((w) => w.properties.title === title)!.properties.annotations;
    expect(annotations("payments: error rate (5xx / requests)")).toEqual({ horizontal: [{ label: "maxErrorRate", value: 0.01 }] });
    expect(annotations("payments: p99 request time (ms)")).toEqual({ horizontal: [{ label: "maxP99LatencyMs", value: 1200 }] });
    expect(annotations("payments: requests")).toBeUndefined();
  });

  describe("health monitor row", () => {
    const monitor = metric.filter((w) => String(w.properties.title).startsWith("Health monitor: "));
    const widget = (title: string) => monitor.find((w) => w.properties.title === `Health monitor: ${title}`)!;
    const series = (title: string) => widget(title).properties.metrics as unknown[][];

    test("fills one row with five widgets", () => {
      expect(monitor.map((w) => w.properties.title)).toEqual([
        "Health monitor: services by status",
        "Health monitor: status changes",
        "Health monitor: service failures",
        "Health monitor: AWS API calls",
        "Health monitor: check duration (ms)",
      ]);
      expect(new Set(monitor.map((w) => w.y)).size).toBe(1);
      expect(monitor.reduce((sum, w) => sum + w.width, 0)).toBe(24);
    });

    test("stacks the services by status, one series per status", () => {
      expect(widget("services by status").properties).toMatchObject({ stacked: true, stat: "Maximum" });
      expect(series("services by status")).toEqual([
        ["ServiceLifecycle/p", RUN_METRICS.healthy, "service", "health-monitor", expect.objectContaining({ label: "healthy" })],
        ["ServiceLifecycle/p", RUN_METRICS.degraded, "service", "health-monitor", expect.objectContaining({ label: "degraded" })],
        ["ServiceLifecycle/p", RUN_METRICS.unhealthy, "service", "health-monitor", expect.objectContaining({ label: "unhealthy" })],
        ["ServiceLifecycle/p", RUN_METRICS.unknown, "service", "health-monitor", expect.objectContaining({ label: "unknown" })],
      ]);
    });

    test("charts changes, failures, API calls and duration in the environment's namespace", () => {
      expect(series("status changes")).toEqual([["ServiceLifecycle/p", "StatusChanges", "service", "health-monitor"]]);
      expect(series("service failures")).toEqual([["ServiceLifecycle/p", "ServiceFailures", "service", "health-monitor"]]);
      expect(series("AWS API calls")).toEqual([["ServiceLifecycle/p", "ApiCalls", "service", "health-monitor"]]);
      expect(series("check duration (ms)")).toEqual([["ServiceLifecycle/p", "CheckDuration", "service", "health-monitor"]]);
      expect(["status changes", "service failures", "AWS API calls"].map((t) => widget(t).properties.stat)).toEqual(["Sum", "Sum", "Sum"]);
      expect(widget("check duration (ms)").properties.stat).toBe("Maximum");
    });

    test("uses one period per run, so each run is one data point", () => {
      expect(monitor.map((w) => w.properties.period)).toEqual([300, 300, 300, 300, 300]);
      const everyMinute = dashboardBody({ ...input, runMetrics: runMetricsPlace("p", 1) }).widgets;
      const periods = everyMinute.filter((w) => String(w.properties.title).startsWith("Health monitor: ")).map((w) => w.properties.period);
      expect(periods).toEqual([60, 60, 60, 60, 60]);
    });

    test("keeps the other metric widgets at a 60-second period, unstacked", () => {
      const others = metric.filter((w) => !monitor.includes(w));
      expect(others.every((w) => w.properties.period === 60 && w.properties.stacked === undefined)).toBe(true);
    });
  });

  test("gives every metric widget a region and at least one metric", () => {
    for (const widget of metric) {
      expect(widget.properties.region).toBe("us-east-1");
      expect((widget.properties.metrics as unknown[]).length).toBeGreaterThan(0);
    }
  });

  test("keeps widgets inside the 24-column grid without overlaps", () => {
    const cells = new Set<string>();
    for (const w of body.widgets) {
      expect(w.x + w.width).toBeLessThanOrEqual(24);
      for (let x = w.x; x < w.x + w.width; x++) {
        for (let y = w.y; y < w.y + w.height; y++) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });

  test("queries every handler log group for warnings and errors", () => {
    const [log] = body.widgets.filter((w) => w.type === "log");
    expect(log.properties.query).toMatch(/^SOURCE '\/aws\/lambda\/p-health-monitor' \| SOURCE '\/aws\/lambda\/p-auto-scaler' \| /);
    expect(log.properties.region).toBe("us-east-1");
  });
});

test("dashboardUrl points at the dashboard in its region's console", () => {
  expect(dashboardUrl("us-east-1", "x")).toBe("https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards/dashboard/x");
});
