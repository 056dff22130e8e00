/**
 * The CloudWatch queries behind one health check.
 *
 * Window rule: the whole window is ONE period (`Period` = window length), so
 * CloudWatch computes the p99 over every request in the window. Percentiles of
 * shorter periods cannot be combined into a true window p99. Should CloudWatch
 * still split the window (it rounds the start time), counts are summed and the
 * largest p99 is kept, which errs on the unhealthy side.
 *
 * The window ends at the last whole minute before the check; the current,
 * still-filling minute is left out.
 */
import type { MetricDataQuery } from "@aws-sdk/client-cloudwatch";

export const LATTICE_NAMESPACE = "AWS/VpcLattice";

/** Service metrics and the statistic read for each. */
export const SERVICE_METRICS = {
  requests: { metricName: "TotalRequestCount", stat: "Sum", idPrefix: "r" },
  errors: { metricName: "HTTPCode_5XX_Count", stat: "Sum", idPrefix: "e" },
  p99: { metricName: "RequestTime", stat: "p99", idPrefix: "l" },
} as const;

export type ServiceSignal = keyof typeof SERVICE_METRICS;

export const SERVICE_SIGNALS = Object.keys(SERVICE_METRICS) as ServiceSignal[];

/** Queries needed for one service. */
export const QUERIES_PER_SERVICE = SERVICE_SIGNALS.length;

/** The time range one check reads. */
export interface MetricWindow {
  readonly start: Date;
  readonly end: Date;
  readonly periodSeconds: number;
  readonly minutes: number;
}

/**
 * The window of `minutes` that ends at the start of the current minute.
 * @throws when `minutes` is not a positive whole number (CloudWatch periods are whole minutes).
 */
export function metricWindow(now: Date, minutes: number): MetricWindow {
  if (!Number.isInteger(minutes) || minutes < 1) {
    throw new Error(`healthWindowMinutes must be a positive whole number of minutes, got ${minutes}`);
  }
  const end = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const start = new Date(end.getTime() - minutes * 60_000);
  return { start, end, periodSeconds: minutes * 60, minutes };
}

/** Query id of one signal of the service at `index`; ids start with a lowercase letter as CloudWatch requires. */
export function queryId(signal: ServiceSignal, index: number): string {
  return `${SERVICE_METRICS[signal].idPrefix}${index}`;
}

/** The three queries for one service, keyed by its position in the check. */
export function serviceQueries(index: number, serviceId: string, periodSeconds: number): MetricDataQuery[] {
  return SERVICE_SIGNALS.map((signal) => ({
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
}
