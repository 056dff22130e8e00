import { dashboardBody, dashboardUrl } from "../../../stacks/observability/dashboard-body";

const input = {
  title: "Service lifecycle",
  region: "us-east-1",
  services: [
    { name: "orders", serviceId: "svc-0aaa" },
    { name: "payments", serviceId: "svc-0bbb" },
  ],
  functionNames: ["p-health-monitor", "p-auto-scaler"],
  logGroupNames: ["/aws/lambda/p-health-monitor", "/aws/lambda/p-auto-scaler"],
  queueNames: ["p-health-monitor-dlq"],
};

describe("dashboardBody", () => {
  const body = dashboardBody(input);
  const metric = body.widgets.filter((w) => w.type === "metric");

  test("charts requests, 5xx and p99 request time per service by the Service dimension", () => {
    const rows = metric.flatMap((w) => w.properties.metrics as unknown[][]).filter((m) => m[0] === "AWS/VpcLattice");
    expect(rows).toEqual([
      ["AWS/VpcLattice", "TotalRequestCount", "Service", "svc-0aaa"],
      ["AWS/VpcLattice", "HTTPCode_5XX_Count", "Service", "svc-0aaa"],
      ["AWS/VpcLattice", "RequestTime", "Service", "svc-0aaa"],
      ["AWS/VpcLattice", "TotalRequestCount", "Service", "svc-0bbb"],
      ["AWS/VpcLattice", "HTTPCode_5XX_Count", "Service", "svc-0bbb"],
      ["AWS/VpcLattice", "RequestTime", "Service", "svc-0bbb"],
    ]);
    expect(metric.find((w) => w.properties.title === "orders: p99 request time (ms)")!.properties.stat).toBe("p99");
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
