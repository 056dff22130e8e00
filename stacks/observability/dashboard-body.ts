/**
 * The CloudWatch dashboard as data: per service request count, 5xx count
 * and p99 request time (namespace `AWS/VpcLattice`, dimension `Service` =
 * service id), handler errors and duration, dead-letter queue depth, and a
 * log widget. Every metric widget has a region and a non-empty metrics list.
 */

export interface DashboardService {
  readonly name: string;
  /** Lattice service id (`svc-...`), usually a Terraform reference. */
  readonly serviceId: string;
}

export interface DashboardInput {
  readonly title: string;
  readonly region: string;
  readonly services: readonly DashboardService[];
  readonly functionNames: readonly string[];
  readonly logGroupNames: readonly string[];
  readonly queueNames: readonly string[];
}

type MetricRow = (string | Record<string, unknown>)[];

interface Widget {
  readonly type: "metric" | "log" | "text";
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: Record<string, unknown>;
}

const WIDTH = 24;

function metricWidget(title: string, region: string, metrics: MetricRow[], stat: string, pos: { x: number; y: number; width: number }): Widget {
  return {
    type: "metric",
    ...pos,
    height: 6,
    properties: { title, region, metrics, stat, period: 60, view: "timeSeries" },
  };
}

/** Builds the dashboard body (the object that `dashboard_body` holds as JSON). */
export function dashboardBody(input: DashboardInput): { widgets: Widget[] } {
  const widgets: Widget[] = [];
  let y = 0;
  widgets.push({
    type: "text",
    x: 0,
    y,
    width: WIDTH,
    height: 1,
    properties: { markdown: `# ${input.title}` },
  });
  y += 1;

  for (const svc of input.services) {
    const dims = ["Service", svc.serviceId];
    const third = WIDTH / 3;
    widgets.push(
      metricWidget(`${svc.name}: requests`, input.region, [["AWS/VpcLattice", "TotalRequestCount", ...dims]], "Sum", { x: 0, y, width: third }),
      metricWidget(`${svc.name}: 5xx responses`, input.region, [["AWS/VpcLattice", "HTTPCode_5XX_Count", ...dims]], "Sum", { x: third, y, width: third }),
      metricWidget(`${svc.name}: p99 request time (ms)`, input.region, [["AWS/VpcLattice", "RequestTime", ...dims]], "p99", { x: 2 * third, y, width: third }),
    );
    y += 6;
  }

  const half = WIDTH / 2;
  widgets.push(
    metricWidget("Handler errors", input.region, input.functionNames.map((f) => ["AWS/Lambda", "Errors", "FunctionName", f]), "Sum", { x: 0, y, width: half }),
    metricWidget("Handler duration p99 (ms)", input.region, input.functionNames.map((f) => ["AWS/Lambda", "Duration", "FunctionName", f]), "p99", { x: half, y, width: half }),
  );
  y += 6;
  widgets.push(
    metricWidget(
      "Dead-letter queue depth",
      input.region,
      input.queueNames.map((q) => ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", q]),
      "Maximum",
      { x: 0, y, width: WIDTH },
    ),
  );
  y += 6;

  const sources = input.logGroupNames.map((g) => `SOURCE '${g}'`).join(" | ");
  widgets.push({
    type: "log",
    x: 0,
    y,
    width: WIDTH,
    height: 8,
    properties: {
      title: "Handler warnings and errors",
      region: input.region,
      view: "table",
      query: `${sources} | fields @timestamp, level, message, service | filter level in ["WARN", "ERROR", "CRITICAL"] | sort @timestamp desc | limit 100`,
    },
  });
  return { widgets };
}

/** The console address of a dashboard. */
export function dashboardUrl(region: string, name: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${name}`;
}
