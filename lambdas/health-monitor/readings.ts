/**
 * Turns the raw CloudWatch series of one service into the numbers the
 * classification uses, without ever inventing data.
 *
 * Rules:
 * - Only a query whose final status is `Complete` gives a number. `InternalError`
 *   or `Forbidden` means it failed; `PartialData` (after the last page read)
 *   means CloudWatch did not send every data point, so the values read are a
 *   part of an unknown whole and are ignored. No status at all is treated the same.
 * - `TotalRequestCount` with no data points gives no number (`null`): Lattice
 *   publishes metrics only once traffic flows, so silence is not "0 requests".
 * - `HTTPCode_5XX_Count` with no data points counts as 0 errors only when its
 *   query is `Complete`; any other status leaves the error count unknown.
 * - `RequestTime` p99 with no data points gives no number.
 * - CloudWatch messages of a query are never dropped: they are part of the gap
 *   line when the signal gave no number, and a note when it did.
 */
import type { Series, ServiceSeries } from "./metric-data";
import { SERVICE_METRICS, SERVICE_SIGNALS } from "./metric-queries";
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
  /** One line for each signal that gave a number but came with CloudWatch messages. */
  readonly notes: readonly string[];
}

const COMPLETE = "Complete";
const PARTIAL = "PartialData";
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
  } else if (series.errors.values.length === 0 && series.errors.status === COMPLETE) {
    errorCount = 0;
  } else {
    gaps.errors = gap("errors", series.errors);
  }

  const p99LatencyMs = usable(series.p99) ? Math.max(...series.p99.values) : null;
  if (p99LatencyMs === null) {
    gaps.p99 = gap("p99", series.p99);
  }

  const errorRate = requestCount !== null && requestCount > 0 && errorCount !== null ? errorCount / requestCount : null;
  const notes = SERVICE_SIGNALS.filter(
    (signal) => gaps[signal] === undefined && series[signal].messages.length > 0
  ).map(
    (signal) => `${SERVICE_METRICS[signal].metricName}: CloudWatch messages (${series[signal].messages.join("; ")})`
  );
  return { requestCount, errorCount, errorRate, p99LatencyMs, gaps, notes };
}

/** A series gives a number when its query is `Complete` and it holds data points. */
function usable(series: Series): boolean {
  return series.status === COMPLETE && series.values.length > 0;
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
  if (series.values.length === 0) {
    return `${name}: no data points in the window (status ${status})${detail}`;
  }
  const ignored = `${series.values.length} data point${series.values.length === 1 ? "" : "s"} ignored`;
  if (series.status === PARTIAL) {
    return `${name}: incomplete data, the query is still PartialData after the last page read; ${ignored}${detail}`;
  }
  if (series.status === undefined) {
    return `${name}: the query has no status; ${ignored}${detail}`;
  }
  return `${name}: query status is ${status}, not ${COMPLETE}; ${ignored}${detail}`;
}
