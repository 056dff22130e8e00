/**
 * Decides a service's health status from its reading and thresholds.
 *
 * Order of the rules:
 * 1. No request count → `unknown` (missing data is never healthy).
 * 2. Idle (fewer than `minRequests` requests, or none) → `healthy`, rates not evaluated.
 * 3. `errorRate > maxErrorRate` → `unhealthy`; `p99 > maxP99LatencyMs` → `degraded`.
 *    The worst breach wins, and every breach is listed.
 * 4. No breach but a rate could not be computed → `unknown`.
 * 5. Otherwise → `healthy`.
 *
 * Boundaries: a value exactly at its threshold is NOT a breach (the comparisons
 * are strict), and exactly `minRequests` requests is not idle.
 */
import type { HealthStatus } from "../shared/events";
import { isIdle } from "../shared/idle";
import type { HealthThresholds } from "../shared/runtime-config";
import type { HealthReading } from "./readings";

export interface Classification {
  readonly status: HealthStatus;
  /** One line per signal that decided the status, with its value and threshold. */
  readonly reasons: string[];
}

/** Classifies one service. */
export function classify(reading: HealthReading, thresholds: HealthThresholds, windowMinutes: number): Classification {
  const { requestCount, errorRate, p99LatencyMs, gaps } = reading;
  if (requestCount === null) {
    return {
      status: "unknown",
      reasons: [gaps.requests ?? `TotalRequestCount: no data in the last ${windowMinutes} min`],
    };
  }
  if (isIdle(requestCount, thresholds.minRequests)) {
    return { status: "healthy", reasons: [idleReason(requestCount, thresholds.minRequests)] };
  }

  const breaches: { status: HealthStatus; reason: string }[] = [];
  const passes: string[] = [];
  const unknowns: string[] = [];

  if (errorRate === null) {
    unknowns.push(gaps.errors ?? "errorRate: cannot be computed");
  } else if (errorRate > thresholds.maxErrorRate) {
    breaches.push({ status: "unhealthy", reason: errorRateLine(reading, ">", thresholds.maxErrorRate) });
  } else {
    passes.push(errorRateLine(reading, "<=", thresholds.maxErrorRate));
  }

  if (p99LatencyMs === null) {
    unknowns.push(gaps.p99 ?? "RequestTime p99: no data");
  } else if (p99LatencyMs > thresholds.maxP99LatencyMs) {
    breaches.push({ status: "degraded", reason: latencyLine(p99LatencyMs, ">", thresholds.maxP99LatencyMs) });
  } else {
    passes.push(latencyLine(p99LatencyMs, "<=", thresholds.maxP99LatencyMs));
  }

  if (breaches.length > 0) {
    const status = breaches.some((b) => b.status === "unhealthy") ? "unhealthy" : "degraded";
    return { status, reasons: [...breaches.map((b) => b.reason), ...unknowns] };
  }
  if (unknowns.length > 0) {
    return { status: "unknown", reasons: [...unknowns, ...passes] };
  }
  return { status: "healthy", reasons: passes };
}

function idleReason(requestCount: number, minRequests: number): string {
  const rule = minRequests > requestCount ? ` < minRequests ${minRequests}` : "";
  return `idle: TotalRequestCount ${requestCount}${rule}; rates not evaluated`;
}

function errorRateLine(reading: HealthReading, op: string, threshold: number): string {
  return (
    `errorRate ${display(reading.errorRate ?? 0)} ${op} maxErrorRate ${threshold}` +
    ` (HTTPCode_5XX_Count ${reading.errorCount} of TotalRequestCount ${reading.requestCount})`
  );
}

function latencyLine(p99: number, op: string, threshold: number): string {
  return `RequestTime p99 ${display(p99)} ms ${op} maxP99LatencyMs ${threshold} ms`;
}

/** Six significant digits: enough to tell a value from its threshold, short enough to read. */
function display(value: number): string {
  return String(Number(value.toPrecision(6)));
}
