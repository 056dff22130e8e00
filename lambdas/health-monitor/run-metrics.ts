/**
 * Emits one check's numbers as CloudWatch metrics in the embedded metric
 * format (one JSON line on stdout, turned into metrics by CloudWatch Logs),
 * so the dashboard and the failure alarm need no PutMetricData call.
 */
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";

import type { HealthCheckSummary } from "./monitor";
import { DEFAULT_METRICS_NAMESPACE, RUN_METRICS } from "./run-metric-names";

/** The part of Powertools `Metrics` used here; tests pass a recorder. */
export interface MetricsSink {
  addMetric(name: string, unit: (typeof MetricUnit)[keyof typeof MetricUnit], value: number): void;
  publishStoredMetrics(): void;
}

/**
 * The monitor's metrics emitter. Namespace from `POWERTOOLS_METRICS_NAMESPACE`
 * (the stack sets `ServiceLifecycle/<namePrefix>`), dimension `service` from
 * `POWERTOOLS_SERVICE_NAME`.
 */
export function createMetrics(): Metrics {
  return new Metrics({
    namespace: process.env.POWERTOOLS_METRICS_NAMESPACE?.trim() || DEFAULT_METRICS_NAMESPACE,
    serviceName: process.env.POWERTOOLS_SERVICE_NAME?.trim() || "health-monitor",
  });
}

/** Adds the check's metrics and flushes them. */
export function emitRunMetrics(sink: MetricsSink, summary: HealthCheckSummary): void {
  const count = MetricUnit.Count;
  sink.addMetric(RUN_METRICS.servicesChecked, count, summary.servicesChecked);
  sink.addMetric(RUN_METRICS.healthy, count, summary.statuses.healthy);
  sink.addMetric(RUN_METRICS.degraded, count, summary.statuses.degraded);
  sink.addMetric(RUN_METRICS.unhealthy, count, summary.statuses.unhealthy);
  sink.addMetric(RUN_METRICS.unknown, count, summary.statuses.unknown);
  sink.addMetric(RUN_METRICS.statusChanges, count, summary.statusChanges);
  sink.addMetric(RUN_METRICS.serviceFailures, count, summary.serviceFailures);
  sink.addMetric(RUN_METRICS.apiCalls, count, summary.apiCallsTotal);
  sink.addMetric(RUN_METRICS.durationMs, MetricUnit.Milliseconds, summary.durationMs);
  sink.publishStoredMetrics();
}
