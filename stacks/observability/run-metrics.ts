/**
 * Where the health monitor's run metrics land in CloudWatch. The monitor
 * writes them as embedded metric format through Powertools Metrics, so the
 * stack only chooses the namespace (`POWERTOOLS_METRICS_NAMESPACE`) and the
 * `service` dimension (`POWERTOOLS_SERVICE_NAME`); the dashboard and the
 * alarm read the same place. Metric names: `RUN_METRICS` in
 * `lambdas/health-monitor/run-metric-names.ts`.
 */
import { DEFAULT_METRICS_NAMESPACE } from "../../lambdas/health-monitor/run-metric-names";

/** `POWERTOOLS_SERVICE_NAME` of the health monitor, and so the value of its metrics' `service` dimension. */
export const HEALTH_MONITOR_SERVICE = "health-monitor";

/** Namespace, dimension and period of the monitor's run metrics. */
export interface RunMetricsPlace {
  /** `ServiceLifecycle/<namePrefix>`. */
  readonly namespace: string;
  /** Value of the `service` dimension. */
  readonly service: string;
  /** Seconds between two runs: one data point per period. */
  readonly periodSeconds: number;
}

/**
 * The run metrics of the environment `prefix`, with the schedule's period.
 * The prefix keeps two environments in one account apart.
 */
export function runMetricsPlace(prefix: string, rateMinutes: number): RunMetricsPlace {
  return {
    namespace: `${DEFAULT_METRICS_NAMESPACE}/${prefix}`,
    service: HEALTH_MONITOR_SERVICE,
    periodSeconds: rateMinutes * 60,
  };
}
