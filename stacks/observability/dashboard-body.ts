/**
 * The CloudWatch dashboard as data: per service request count, error rate
 * (metric math, 5xx / requests) and p99 request time (namespace
 * `AWS/VpcLattice`, dimension `Service` = service id), each rate and time
 * with the service's threshold drawn as a line, the health monitor's run metrics (see `run-metrics.ts`),
 * handler errors and duration, dead-letter queue depth, and a log widget.
 * Every metric widget has a region and a non-empty metrics list.
 */
import { RUN_METRICS } from "../../lambdas/health-monitor/run-metric-names";
import type { RunMetricsPlace } from "./run-metrics";

export interface DashboardService {
  readonly name: string;
  /** Lattice service id (`svc-...`), usually a Terraform reference. */
  readonly serviceId: string;
  /** The health monitor's thresholds, drawn on the charts. */
  readonly maxErrorRate: number;
  readonly maxP99LatencyMs: number;
}

export interface DashboardInput {
  readonly title: string;
  readonly region: string;
  readonly services: readonly DashboardService[];
  readonly functionNames: readonly string[];
  readonly logGroupNames: readonly string[];
  readonly queueNames: readonly string[];
  /** Where the health monitor's run metrics are. */
  readonly runMetrics: RunMetricsPlace;
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

interface Position {
  readonly x: number;
  readonly y: number;
  readonly width: number;
}

/** Chart options beyond the defaults (60-second period, lines). */
interface ChartOptions {
  readonly period?: number;
  readonly stacked?: boolean;
  /** A horizontal line: the threshold the monitor judges the series against. */
  readonly threshold?: { readonly label: string; readonly value: number };
}

function metricWidget(title: string, region: string, metrics: MetricRow[], stat: string, pos: Position, options: ChartOptions = {}): Widget {
  return {
    type: "metric",
    ...pos,
    height: 6,
    properties: {
      title,
      region,
      metrics,
      stat,
      period: options.period ?? 60,
      view: "timeSeries",
      ...(options.stacked ? { stacked: true } : {}),
      ...(options.threshold ? { annotations: { horizontal: [options.threshold] } } : {}),
    },
  };
}

/** Colours of the status series, so a glance tells healthy from unhealthy. */
const STATUS_SERIES = [
  { metric: RUN_METRICS.healthy, label: "healthy", color: "#2ca02c" },
  { metric: RUN_METRICS.degraded, label: "degraded", color: "#ff7f0e" },
  { metric: RUN_METRICS.unhealthy, label: "unhealthy", color: "#d62728" },
  { metric: RUN_METRICS.unknown, label: "unknown", color: "#7f7f7f" },
] as const;

/**
 * One row about the health monitor itself, one data point per run: services
 * by status (stacked), status changes, services it failed to check, AWS API
 * calls and check duration.
 */
function monitorRow(region: string, place: RunMetricsPlace, y: number): Widget[] {
  const row = (metric: string, options?: Record<string, unknown>): MetricRow => {
    const series: MetricRow = [place.namespace, metric, "service", place.service];
    return options ? [...series, options] : series;
  };
  const chart = { period: place.periodSeconds };
  const sixth = WIDTH / 6;
  return [
    metricWidget(
      "Health monitor: services by status",
      region,
      STATUS_SERIES.map((s) => row(s.metric, { label: s.label, color: s.color })),
      "Maximum",
      { x: 0, y, width: 2 * sixth },
      { ...chart, stacked: true },
    ),
    metricWidget("Health monitor: status changes", region, [row(RUN_METRICS.statusChanges)], "Sum", { x: 2 * sixth, y, width: sixth }, chart),
    metricWidget("Health monitor: service failures", region, [row(RUN_METRICS.serviceFailures)], "Sum", { x: 3 * sixth, y, width: sixth }, chart),
    metricWidget("Health monitor: AWS API calls", region, [row(RUN_METRICS.apiCalls)], "Sum", { x: 4 * sixth, y, width: sixth }, chart),
    metricWidget("Health monitor: check duration (ms)", region, [row(RUN_METRICS.durationMs)], "Maximum", { x: 5 * sixth, y, width: sixth }, chart),
  ];
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
      metricWidget(
        `${svc.name}: error rate (5xx / requests)`,
        input.region,
        [
          ["AWS/VpcLattice", "HTTPCode_5XX_Count", ...dims, { id: "e", visible: false }],
          ["AWS/VpcLattice", "TotalRequestCount", ...dims, { id: "r", visible: false }],
          [{ expression: "e/r", label: "error rate", id: "x" }],
        ],
        "Sum",
        { x: third, y, width: third },
        { threshold: { label: "maxErrorRate", value: svc.maxErrorRate } },
      ),
      metricWidget(
        `${svc.name}: p99 request time (ms)`,
        input.region,
        [["AWS/VpcLattice", "RequestTime", ...dims]],
        "p99",
        { x: 2 * third, y, width: third },
        { threshold: { label: "maxP99LatencyMs", value: svc.maxP99LatencyMs } },
      ),
    );
    y += 6;
  }

  widgets.push(...monitorRow(input.region, input.runMetrics, y));
  y += 6;

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
