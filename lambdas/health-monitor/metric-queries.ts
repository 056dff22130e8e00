/**
 * The CloudWatch queries behind one health check: per service, four metric
 * queries and one metric-math expression, all at 60-second resolution.
 *
 * - `TotalRequestCount`, `HTTPCode_5XX_Count`, `HTTPCode_4XX_Count` (Sum) and
 *   `RequestTime` (p99, milliseconds) in namespace `AWS/VpcLattice`, dimension
 *   `Service` = the service id (FACTS §2; names checked against the VPC
 *   Lattice CloudWatch metrics page).
 * - The error rate `e/r` per minute as metric math. CloudWatch treats a
 *   missing 5xx point as 0 and drops a minute without requests (division by
 *   zero), so the expression gives a rate exactly for the minutes that had
 *   traffic. readings.ts weights those rates by each minute's requests,
 *   which gives the rate of the whole window.
 *
 * The window ends at the last whole minute before the check; the current,
 * still-filling minute is left out.
 */
import type { MetricDataQuery } from "@aws-sdk/client-cloudwatch";

export const LATTICE_NAMESPACE = "AWS/VpcLattice";

/** Resolution of every query. */
export const PERIOD_SECONDS = 60;

/** Service metrics and the statistic read for each. */
export const SERVICE_METRICS = {
  requests: { metricName: "TotalRequestCount", stat: "Sum", idPrefix: "r" },
  errors: { metricName: "HTTPCode_5XX_Count", stat: "Sum", idPrefix: "e" },
  clientErrors: { metricName: "HTTPCode_4XX_Count", stat: "Sum", idPrefix: "c" },
  p99: { metricName: "RequestTime", stat: "p99", idPrefix: "l" },
} as const;

/** The metric-math error rate: 5xx per request, per minute. */
export const ERROR_RATE_QUERY = { label: "errorRate", idPrefix: "x" } as const;

export type MetricSignal = keyof typeof SERVICE_METRICS;
/** Every series read for a service: the four metrics and the error-rate expression. */
export type ServiceSignal = MetricSignal | "errorRate";

export const METRIC_SIGNALS = Object.keys(SERVICE_METRICS) as MetricSignal[];
export const SERVICE_SIGNALS: readonly ServiceSignal[] = [...METRIC_SIGNALS, "errorRate"];

/** Queries needed for one service. */
export const QUERIES_PER_SERVICE = SERVICE_SIGNALS.length;

/** How a signal is named in reasons and logs. */
export function signalName(signal: ServiceSignal): string {
  return signal === "errorRate" ? "errorRate (metric math HTTPCode_5XX_Count/TotalRequestCount)" : SERVICE_METRICS[signal].metricName;
}

/** The time range one check reads. */
export interface MetricWindow {
  readonly start: Date;
  readonly end: Date;
  readonly periodSeconds: number;
  readonly minutes: number;
}

/**
 * The window of `minutes` that ends at the start of the current minute, read
 * in 60-second periods.
 * @throws when `minutes` is not a positive whole number (CloudWatch periods are whole minutes).
 */
export function metricWindow(now: Date, minutes: number): MetricWindow {
  if (!Number.isInteger(minutes) || minutes < 1) {
    throw new Error(`healthWindowMinutes must be a positive whole number of minutes, got ${minutes}`);
  }
  const end = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const start = new Date(end.getTime() - minutes * 60_000);
  return { start, end, periodSeconds: PERIOD_SECONDS, minutes };
}

/** Query id of one signal of the service at `index`; ids start with a lowercase letter as CloudWatch requires. */
export function queryId(signal: ServiceSignal, index: number): string {
  const prefix = signal === "errorRate" ? ERROR_RATE_QUERY.idPrefix : SERVICE_METRICS[signal].idPrefix;
  return `${prefix}${index}`;
}

/** The five queries for one service, keyed by its position in the check. */
export function serviceQueries(index: number, serviceId: string, periodSeconds: number): MetricDataQuery[] {
  const metrics: MetricDataQuery[] = METRIC_SIGNALS.map((signal) => ({
    Id: queryId(signal, index),
    ReturnData: true,
    MetricStat: {
      Metric: {
        Namespace: LATTICE_NAMESPACE,
        MetricName: SERVICE_METRICS[signal].metricName,
        Dimensions: [{ Name: "Service", Value: serviceId }],
      },
      Period: periodSeconds,
      Stat: SERVICE_METRICS[signal].stat,
    },
  }));
  const errorRate: MetricDataQuery = {
    Id: queryId("errorRate", index),
    ReturnData: true,
    Label: ERROR_RATE_QUERY.label,
    Expression: `${queryId("errors", index)}/${queryId("requests", index)}`,
    Period: periodSeconds,
  };
  return [...metrics, errorRate];
}
