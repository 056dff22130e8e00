/**
 * Builds the `detail` of the two health events from what one check found.
 * Their shapes are defined once, in shared/health-events.ts.
 */
import type { HealthStatus } from "../shared/events";
import { HEALTH_CHANGED_SCHEMA_VERSION, HEALTH_CHECK_SCHEMA_VERSION } from "../shared/health-events";
import type { HealthChangedDetail, HealthCheckDetail, TargetSummary } from "../shared/health-events";
import type { NetworkService } from "./associations";
import type { HealthReading } from "./readings";
import type { TargetEvidence, Verdict } from "./verdict";

/** Everything known about one service after its check. */
export interface ServiceFindings {
  readonly service: NetworkService;
  readonly reading: HealthReading;
  readonly targets: TargetEvidence;
  readonly verdict: Verdict;
  readonly windowMinutes: number;
  readonly checkedAt: Date;
}

/** The reported status and the consecutive-check count, after the state was applied. */
export interface Reported {
  readonly status: HealthStatus;
  readonly pendingChecks: number;
  /** Extra reason lines, such as a state that could not be read. */
  readonly notes?: readonly string[];
}

export function healthCheckDetail(f: ServiceFindings, reported: Reported): HealthCheckDetail {
  return {
    schemaVersion: HEALTH_CHECK_SCHEMA_VERSION,
    ...identity(f),
    status: reported.status,
    observedStatus: f.verdict.status,
    pendingChecks: reported.pendingChecks,
    reasons: [...f.verdict.reasons, ...f.reading.notes, ...(reported.notes ?? [])],
    ...signals(f),
    windowMinutes: f.windowMinutes,
    timestamp: f.checkedAt.toISOString(),
  };
}

export interface Change {
  readonly previousStatus: HealthStatus | null;
  readonly previousSince: string | null;
  readonly status: HealthStatus;
  readonly confirmedByChecks: number;
}

export function healthChangedDetail(f: ServiceFindings, change: Change): HealthChangedDetail {
  return {
    schemaVersion: HEALTH_CHANGED_SCHEMA_VERSION,
    ...identity(f),
    previousStatus: change.previousStatus,
    status: change.status,
    previousSince: change.previousSince,
    confirmedByChecks: change.confirmedByChecks,
    reasons: [...f.verdict.reasons, ...f.reading.notes],
    ...signals(f),
    windowMinutes: f.windowMinutes,
    timestamp: f.checkedAt.toISOString(),
  };
}

function identity(f: ServiceFindings) {
  return {
    serviceId: f.service.serviceId,
    serviceName: f.service.serviceName,
    serviceArn: f.service.serviceArn ?? null,
  };
}

function signals(f: ServiceFindings) {
  return {
    requestCount: f.reading.requestCount,
    errorCount: f.reading.errorCount,
    clientErrorCount: f.reading.clientErrorCount,
    errorRate: f.reading.errorRate,
    p99LatencyMs: f.reading.p99LatencyMs,
    targets: targetSummary(f.targets),
  };
}

function targetSummary(targets: TargetEvidence): TargetSummary | null {
  if (!targets.ok) {
    return null;
  }
  const { signal } = targets;
  return {
    healthyShare: signal.healthyShare,
    targetGroups: signal.targetGroupsInUse,
    healthy: signal.counts.HEALTHY,
    unhealthy: signal.counts.UNHEALTHY,
    unavailable: signal.counts.UNAVAILABLE,
    draining: signal.counts.DRAINING,
    initial: signal.counts.INITIAL,
    unused: signal.counts.UNUSED,
    other: signal.counts.OTHER,
  };
}
