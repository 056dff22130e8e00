/**
 * Turns the raw CloudWatch series of one service into the numbers the
 * classification uses, without ever inventing data.
 *
 * Rules:
 * - A query whose status is `InternalError` or `Forbidden` gives no number.
 * - `TotalRequestCount` with no data points gives no number (`null`): Lattice
 *   publishes metrics only once traffic flows, so silence is not "0 requests".
 * - `HTTPCode_5XX_Count` with no data points counts as 0 errors only when its
 *   query is `Complete`; any other status leaves the error count unknown.
 * - `RequestTime` p99 with no data points gives no number.
 */
import type { Series, ServiceSeries } from "./metric-data";
import { SERVICE_METRICS } from "./metric-queries";
import type { ServiceSignal } from "./metric-queries";

/** The numbers behind one service's health. `null` means "not known". */
export interface HealthReading {
  readonly requestCount: number | null;
  readonly errorCount: number | null;
  /** `errorCount / requestCount`; `null` when either is unknown or there were no requests. */
  readonly errorRate: number | null;
  readonly p99LatencyMs: number | null;
  /** One line for each signal that gave no number, naming the signal and why. */
  readonly gaps: Readonly<Partial<Record<ServiceSignal, string>>>;
}

const FAILED_STATUSES = new Set(["InternalError", "Forbidden"]);

/** Builds the reading of one service from its three series. */
export function toReading(series: ServiceSeries): HealthReading {
  const gaps: Partial<Record<ServiceSignal, string>> = {};

  const requestCount = usable(series.requests) ? sum(series.requests.values) : null;
  if (requestCount === null) {
    gaps.requests = gap("requests", series.requests);
  }

  let errorCount: number | null = null;
  if (usable(series.errors)) {
    errorCount = sum(series.errors.values);
  } else if (series.errors.values.length === 0 && series.errors.status === "Complete") {
    errorCount = 0;
  } else {
    gaps.errors = gap("errors", series.errors);
  }

  const p99LatencyMs = usable(series.p99) ? Math.max(...series.p99.values) : null;
  if (p99LatencyMs === null) {
    gaps.p99 = gap("p99", series.p99);
  }

  const errorRate = requestCount !== null && requestCount > 0 && errorCount !== null ? errorCount / requestCount : null;
  return { requestCount, errorCount, errorRate, p99LatencyMs, gaps };
}

/** A series gives a number when its query did not fail and it holds data points. */
function usable(series: Series): boolean {
  return !FAILED_STATUSES.has(series.status ?? "") && series.values.length > 0;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, v) => total + v, 0);
}

function gap(signal: ServiceSignal, series: Series): string {
  const name = SERVICE_METRICS[signal].metricName;
  const status = series.status ?? "no status";
  const detail = series.messages.length > 0 ? ` (${series.messages.join("; ")})` : "";
  if (FAILED_STATUSES.has(series.status ?? "")) {
    return `${name}: query failed with status ${status}${detail}`;
  }
  return `${name}: no data points in the window (status ${status})${detail}`;
}
