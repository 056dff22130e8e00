/**
 * Turns the raw CloudWatch series of one service into the numbers the
 * verdict uses, without ever inventing data.
 *
 * Rules:
 * - Only a query whose final status is `Complete` gives a number. `InternalError`
 *   or `Forbidden` means it failed; `PartialData` (after the last page read)
 *   means CloudWatch did not send every data point, so the values read are a
 *   part of an unknown whole and are ignored. No status at all is treated the same.
 * - Lattice reports its service metrics every minute, zero or not, once the
 *   service has received traffic. `TotalRequestCount` that is `Complete` with
 *   no data points is therefore "no traffic on record" (`traffic: "none"`), not
 *   "0 requests"; the count stays `null`, and only target health can then
 *   vouch for the service (see verdict.ts).
 * - `HTTPCode_5XX_Count` and `HTTPCode_4XX_Count` with no data points count
 *   as 0 only when their query is `Complete`.
 * - p99 is the highest per-minute p99 in the window. The p99 of the whole
 *   window cannot be computed from per-minute percentiles, but it is never
 *   above the highest of them, so this errs on the unhealthy side.
 * - The error rate is the metric-math series `5xx/requests` per minute,
 *   weighted by each minute's requests (so it equals the window's 5xx share).
 *   Minutes without requests have no rate (CloudWatch drops a division by
 *   zero). Without requests, or without a usable expression result, it is `null`.
 *   It is rounded to 12 significant digits, so a share exactly at a
 *   threshold stays on it.
 * - CloudWatch messages of a query are never dropped: they are part of the gap
 *   line when the signal gave no number, and a note when it did.
 */
import { roundRatio } from "../shared/numbers";
import type { Series, ServiceSeries } from "./metric-data";
import { SERVICE_SIGNALS, signalName } from "./metric-queries";
import type { ServiceSignal } from "./metric-queries";

/** What the request count says about traffic. */
export type Traffic = "measured" | "none" | "unknown";

/** The numbers behind one service's health. `null` means "not known". */
export interface HealthReading {
  /** `measured`: a request count; `none`: CloudWatch holds no data points; `unknown`: the query failed. */
  readonly traffic: Traffic;
  readonly requestCount: number | null;
  readonly errorCount: number | null;
  readonly clientErrorCount: number | null;
  /** 5xx share of the window's requests; `null` when unknown or there were no requests. */
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

/** Builds the reading of one service from its series. */
export function toReading(series: ServiceSeries): HealthReading {
  const gaps: Partial<Record<ServiceSignal, string>> = {};

  const requests = series.requests;
  const traffic: Traffic = usable(requests) ? "measured" : emptyButComplete(requests) ? "none" : "unknown";
  const requestCount = traffic === "measured" ? sum(requests.values) : null;
  if (requestCount === null) {
    gaps.requests = gap("requests", requests);
  }

  const errorCount = countOf("errors", series.errors, gaps);
  const clientErrorCount = countOf("clientErrors", series.clientErrors, gaps);

  const p99LatencyMs = usable(series.p99) ? Math.max(...series.p99.values) : null;
  if (p99LatencyMs === null) {
    gaps.p99 = gap("p99", series.p99);
  }

  let errorRate: number | null = null;
  if (requestCount !== null && requestCount > 0) {
    errorRate = weightedRate(series.errorRate, requests);
    if (errorRate === null) {
      gaps.errorRate = gap("errorRate", series.errorRate);
    }
  }

  const notes = SERVICE_SIGNALS.filter(
    (signal) => gaps[signal] === undefined && series[signal].messages.length > 0
  ).map((signal) => `${signalName(signal)}: CloudWatch messages (${series[signal].messages.join("; ")})`);
  return { traffic, requestCount, errorCount, clientErrorCount, errorRate, p99LatencyMs, gaps, notes };
}

/** A count that is 0 when its `Complete` query has no data points. */
function countOf(
  signal: "errors" | "clientErrors",
  series: Series,
  gaps: Partial<Record<ServiceSignal, string>>
): number | null {
  if (usable(series)) {
    return sum(series.values);
  }
  if (emptyButComplete(series)) {
    return 0;
  }
  gaps[signal] = gap(signal, series);
  return null;
}

/**
 * The per-minute rates weighted by that minute's requests. Minutes are
 * matched by timestamp; a rate whose minute has no request count, or a
 * result without timestamps, makes the rate unknown rather than guessed.
 */
function weightedRate(rates: Series, requests: Series): number | null {
  if (!usable(rates)) {
    return null;
  }
  const requestsAt = new Map<number, number>();
  requests.timestamps.forEach((t, i) => requestsAt.set(t, (requestsAt.get(t) ?? 0) + requests.values[i]));
  let weighted = 0;
  let weight = 0;
  for (let i = 0; i < rates.values.length; i++) {
    const minuteRequests = requestsAt.get(rates.timestamps[i]);
    if (minuteRequests === undefined || Number.isNaN(rates.timestamps[i])) {
      return null;
    }
    weighted += rates.values[i] * minuteRequests;
    weight += minuteRequests;
  }
  // Every request must be covered: a minute with requests but no rate would
  // make the result the rate of part of the window only.
  const total = sum([...requestsAt.values()]);
  if (weight <= 0 || weight < total) {
    return null;
  }
  return roundRatio(Math.min(1, Math.max(0, weighted / weight)));
}

/** A series gives a number when its query is `Complete` and it holds data points. */
function usable(series: Series): boolean {
  return series.status === COMPLETE && series.values.length > 0;
}

function emptyButComplete(series: Series): boolean {
  return series.status === COMPLETE && series.values.length === 0;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, v) => total + v, 0);
}

function gap(signal: ServiceSignal, series: Series): string {
  const name = signalName(signal);
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
  if (series.status === COMPLETE) {
    return `${name}: its minutes do not line up with TotalRequestCount; ${ignored}${detail}`;
  }
  return `${name}: query status is ${status}, not ${COMPLETE}; ${ignored}${detail}`;
}
