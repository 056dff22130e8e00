/**
 * What one check concludes about one service, from its metrics reading, its
 * target health and its thresholds. Pure: no I/O, no clock.
 *
 * Breaches (positive evidence of trouble; the worst one wins, all are listed):
 * - the weighted share of HEALTHY targets is below `minHealthyTargetShare` → `unhealthy`;
 * - with at least `minRequests` requests: `errorRate > maxErrorRate` → `unhealthy`,
 *   `p99 > maxP99LatencyMs` → `degraded`.
 *
 * Without a breach:
 * - requests measured but fewer than `minRequests` (idle) → `healthy`, rates not evaluated;
 * - requests measured, both rates known → `healthy`; a rate unknown → `unknown`;
 * - no traffic on record (CloudWatch holds no data points) → `healthy` only when
 *   health-checked targets vouch for the service (a non-zero share at or above
 *   the threshold), else `unknown`;
 * - the request query failed → `unknown`: missing data is never healthy.
 *
 * Boundaries: a value exactly at its threshold is not a breach (comparisons
 * are strict), and exactly `minRequests` requests is not idle.
 */
import type { HealthStatus } from "../shared/events";
import { isIdle } from "../shared/idle";
import { display } from "../shared/numbers";
import type { HealthThresholds } from "../shared/runtime-config";
import type { HealthReading } from "./readings";
import type { TargetSignal } from "./topology/target-signal";

export interface Verdict {
  readonly status: HealthStatus;
  /** Deciding lines first (signal, value, threshold), then the other signals' lines. */
  readonly reasons: string[];
}

/** Target health as the verdict sees it: the signal, or why there is none. */
export type TargetEvidence =
  | {
      readonly ok: true;
      readonly signal: TargetSignal;
      /** Lines about how the evidence was read, such as a failed refresh; listed after the others. */
      readonly notes?: readonly string[];
    }
  | { readonly ok: false; readonly error: string };

/** Judges one service. */
export function judge(reading: HealthReading, targets: TargetEvidence, thresholds: HealthThresholds): Verdict {
  const breaches: { status: HealthStatus; reason: string }[] = [];
  const passes: string[] = [];
  const unknowns: string[] = [];

  const signal = targets.ok ? targets.signal : undefined;
  if (!targets.ok) {
    unknowns.push(`targets: ${targets.error}`);
  } else if (signal && signal.healthyShare !== null && signal.breached) {
    // The signal's first line is the share against the threshold.
    const [line = "healthyTargetShare below minHealthyTargetShare", ...rest] = signal.reasons;
    breaches.push({ status: "unhealthy", reason: line });
    passes.push(...rest);
  } else if (signal && signal.healthyShare !== null) {
    passes.push(...signal.reasons);
  } else if (signal) {
    unknowns.push(...signal.reasons);
  }
  if (targets.ok && targets.notes) {
    passes.push(...targets.notes);
  }

  const { requestCount } = reading;
  const idle = requestCount !== null && isIdle(requestCount, thresholds.minRequests);
  if (requestCount !== null && !idle) {
    judgeRates(reading, thresholds, breaches, passes, unknowns);
  }

  if (breaches.length > 0) {
    const status = breaches.some((b) => b.status === "unhealthy") ? "unhealthy" : "degraded";
    return { status, reasons: [...breaches.map((b) => b.reason), ...unknowns, ...passes] };
  }
  if (requestCount !== null && idle) {
    return { status: "healthy", reasons: [idleLine(requestCount, thresholds.minRequests), ...passes, ...unknowns] };
  }
  if (requestCount !== null) {
    // Both rates are known and within their thresholds unless one of them is unknown.
    return reading.errorRate === null || reading.p99LatencyMs === null
      ? { status: "unknown", reasons: [...unknowns, ...passes] }
      : { status: "healthy", reasons: [...passes, ...unknowns] };
  }
  const requestsGap = reading.gaps.requests ?? "TotalRequestCount: no data";
  const vouch = signal !== undefined && signal.healthyShare !== null && signal.healthyShare > 0;
  if (reading.traffic === "none" && vouch) {
    return { status: "healthy", reasons: [`no traffic on record (${requestsGap}); targets vouch`, ...passes] };
  }
  return { status: "unknown", reasons: [requestsGap, ...unknowns, ...passes] };
}

function judgeRates(
  reading: HealthReading,
  thresholds: HealthThresholds,
  breaches: { status: HealthStatus; reason: string }[],
  passes: string[],
  unknowns: string[]
): void {
  const { errorRate, p99LatencyMs } = reading;
  if (errorRate === null) {
    unknowns.push(reading.gaps.errorRate ?? reading.gaps.errors ?? "errorRate: cannot be computed");
  } else if (errorRate > thresholds.maxErrorRate) {
    breaches.push({ status: "unhealthy", reason: errorRateLine(reading, errorRate, ">", thresholds.maxErrorRate) });
  } else {
    passes.push(errorRateLine(reading, errorRate, "<=", thresholds.maxErrorRate));
  }
  if (p99LatencyMs === null) {
    unknowns.push(reading.gaps.p99 ?? "RequestTime p99: no data");
  } else if (p99LatencyMs > thresholds.maxP99LatencyMs) {
    breaches.push({ status: "degraded", reason: latencyLine(p99LatencyMs, ">", thresholds.maxP99LatencyMs) });
  } else {
    passes.push(latencyLine(p99LatencyMs, "<=", thresholds.maxP99LatencyMs));
  }
}

function idleLine(requestCount: number, minRequests: number): string {
  return `idle: TotalRequestCount ${requestCount} < minRequests ${Math.max(1, minRequests)}; rates not evaluated`;
}

function errorRateLine(reading: HealthReading, rate: number, op: string, threshold: number): string {
  return (
    `errorRate ${display(rate)} ${op} maxErrorRate ${threshold}` +
    ` (HTTPCode_5XX_Count ${reading.errorCount ?? "unknown"} of TotalRequestCount ${reading.requestCount})`
  );
}

function latencyLine(p99: number, op: string, threshold: number): string {
  return `RequestTime p99 ${display(p99)} ms ${op} maxP99LatencyMs ${threshold} ms`;
}
