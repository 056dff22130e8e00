/**
 * Names of the CloudWatch metrics (embedded metric format) that each health
 * check emits, in the namespace the stack sets through
 * `POWERTOOLS_METRICS_NAMESPACE`, with the dimension `service` =
 * `health-monitor`. The stack's dashboard reads the same names.
 */
export const RUN_METRICS = {
  /** Services whose association with the network is ACTIVE and that were judged. */
  servicesChecked: "ServicesChecked",
  /** Services reported with each status, after the consecutive-check rule. */
  healthy: "HealthyServices",
  degraded: "DegradedServices",
  unhealthy: "UnhealthyServices",
  unknown: "UnknownServices",
  /** `Service Health Changed` events published. */
  statusChanges: "StatusChanges",
  /** Services whose topology, targets, metrics or state could not be read or written this run. */
  serviceFailures: "ServiceFailures",
  /** AWS API calls made (SDK retries not included). */
  apiCalls: "ApiCalls",
  /** Wall time of the check. */
  durationMs: "CheckDuration",
} as const;

/** The namespace used when `POWERTOOLS_METRICS_NAMESPACE` is not set. */
export const DEFAULT_METRICS_NAMESPACE = "ServiceLifecycle";
