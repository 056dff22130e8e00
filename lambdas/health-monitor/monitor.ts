/**
 * One health check of the whole service network.
 *
 * 1. List the services associated with the network (the only step whose
 *    failure fails the run: without the list nothing can be judged).
 * 2. At the same time: each service's topology (from the cache, or listed
 *    again when older than its TTL) and then the targets of every target
 *    group in use, read once even when services share it; and the metrics of
 *    every service, 100 services per GetMetricData call.
 * 3. Judge each service (verdict.ts), apply the consecutive-check rule to its
 *    stored state (state/), and publish a `Service Health Check` event per
 *    service plus a `Service Health Changed` event per change.
 * 4. Write the rows that changed, only after their events were accepted, so
 *    a failed publish is retried by the next run rather than lost.
 *
 * A failure that concerns one service (its topology, a target group, a
 * metrics batch, its state row) is logged, counted in `serviceFailures` and
 * shows in that service's reasons; the others go on. Events that PutEvents
 * still rejects after its retries fail the invocation, once every other step
 * is done, so the scheduler's retry policy and dead-letter queue take over.
 */
import { healthChangedEntry, healthCheckEntry } from "../shared/entries";
import { describeError } from "../shared/errors";
import { HEALTH_STATUSES } from "../shared/events";
import type { HealthStatus } from "../shared/events";
import { CallCounter } from "../shared/aws-calls";
import type { CallCounts } from "../shared/aws-calls";
import { mapSettled } from "../shared/concurrency";
import { PublishEventsError, publishEvents } from "../shared/publish";
import type { PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import { arnAccount } from "../shared/arn";
import { findService } from "../shared/runtime-config";
import type { HealthThresholds, RuntimeConfig } from "../shared/runtime-config";
import { listNetworkServices } from "./associations";
import type { NetworkService } from "./associations";
import type { HealthMonitorDeps } from "./deps";
import { healthChangedDetail, healthCheckDetail } from "./details";
import type { ServiceFindings } from "./details";
import { fetchServiceSeries } from "./metric-data";
import type { SeriesOutcome } from "./metric-data";
import { metricWindow } from "./metric-queries";
import type { MetricWindow } from "./metric-queries";
import { toReading } from "./readings";
import type { HealthReading } from "./readings";
import { readStates, writeState } from "./state/store";
import { advance } from "./state/transition";
import type { Transition } from "./state/transition";
import { discoverTopology } from "./topology/discover";
import { TargetHealthCache } from "./topology/target-cache";
import { targetSignal, targetGroupsInUse } from "./topology/target-signal";
import { readTargetCounts } from "./topology/targets";
import type { TargetCounts } from "./topology/types";
import { judge } from "./verdict";
import type { TargetEvidence } from "./verdict";

/** The result of one check. */
export interface HealthCheckSummary {
  readonly servicesChecked: number;
  readonly associationsSkipped: number;
  /** Reported statuses (after the consecutive-check rule). */
  readonly statuses: Record<HealthStatus, number>;
  /** What the checks alone concluded. */
  readonly observed: Record<HealthStatus, number>;
  readonly statusChanges: number;
  /** Services with at least one failed read or write this run. */
  readonly serviceFailures: number;
  readonly topology: { readonly reused: number; readonly discovered: number };
  /** Target groups whose targets were read this run, and settled ones whose last reading was reused. */
  readonly targetGroups: { readonly read: number; readonly reused: number };
  readonly eventsPublished: number;
  readonly apiCalls: CallCounts;
  readonly apiCallsTotal: number;
  readonly durationMs: number;
  readonly windowStart: string;
  readonly windowEnd: string;
}

const NO_READING: HealthReading = {
  traffic: "unknown",
  requestCount: null,
  errorCount: null,
  clientErrorCount: null,
  errorRate: null,
  p99LatencyMs: null,
  gaps: {},
  notes: [],
};

/**
 * Runs one health check.
 * @throws when the association listing fails, or when events are still rejected after retries.
 */
export async function runHealthCheck(deps: HealthMonitorDeps): Promise<HealthCheckSummary> {
  const started = Date.now();
  const { config, logger } = deps;
  const counter = deps.counter ?? new CallCounter();
  const now = (deps.now ?? (() => new Date()))();
  const settings = config.healthMonitor;
  const window = metricWindow(now, settings.windowMinutes);
  const failures = new Set<string>();

  const { active, skipped } = await listNetworkServices(deps.lattice, deps.serviceNetworkIdentifier, logger);
  deps.topologyCache.retainOnly(active.map((s) => s.serviceId));

  const ids = active.map((s) => s.serviceId);
  // Computed once per service: the target reads, the verdict and the state rule all use them.
  const byService = new Map(active.map((s) => [s.serviceId, thresholdsFor(config, s)]));
  const thresholds = (serviceId: string) => byService.get(serviceId) as HealthThresholds;
  const [targetReads, outcomes, { states, unreadable, malformed }] = await Promise.all([
    readTargets(deps, active, thresholds, now, failures),
    readMetrics(deps, active, window, failures),
    readStates(deps.dynamo, deps.tableName, ids, now, { concurrency: deps.config.healthMonitor.concurrency }),
  ]);
  const targets = targetReads.evidence;
  for (const id of malformed.keys()) {
    logger.warn("Health state row is malformed; it counts as absent and is replaced", { service_id: id });
  }

  const findings: ServiceFindings[] = active.map((service, i) => {
    const reading = outcomes[i]?.ok ? toReading(outcomes[i].series) : NO_READING;
    const metricsError = outcomes[i] && !outcomes[i].ok ? [outcomes[i].error] : [];
    const evidence = targets.get(service.serviceId) ?? { ok: false, error: "topology was not read" };
    const base = judge(reading, evidence, thresholds(service.serviceId));
    // A failed metrics read is always named: first when it left the service unknown, else after the deciding lines.
    const verdict =
      base.status === "unknown"
        ? { ...base, reasons: [...metricsError, ...base.reasons] }
        : { ...base, reasons: [...base.reasons, ...metricsError] };
    return { service, reading, targets: evidence, verdict, windowMinutes: window.minutes, checkedAt: now };
  });

  const entries: PutEventsRequestEntry[] = [];
  const writes: { transition: Transition; entry?: PutEventsRequestEntry }[] = [];
  const reported: HealthStatus[] = [];
  for (const f of findings) {
    const id = f.service.serviceId;
    const stateError = unreadable.get(id);
    if (stateError !== undefined) {
      // Without the stored state a single check must not move the reported
      // status: report unknown, change nothing, and try again next run.
      failures.add(id);
      logger.error("Health state could not be read", { service_id: id, error: stateError });
      entries.push(checkEntry(deps, f, "unknown", 0, [`state: ${stateError}; reported unknown`]));
      reported.push("unknown");
      continue;
    }
    const transition = advance({
      previous: states.get(id),
      serviceId: id,
      serviceName: f.service.serviceName,
      observed: f.verdict.status,
      consecutiveChecks: thresholds(id).consecutiveChecks,
      now,
      ttlSeconds: settings.stateTtlSeconds,
    });
    const { next } = transition;
    reported.push(next.status);
    entries.push(checkEntry(deps, f, next.status, next.pendingStatus === null ? 0 : next.pendingChecks));
    let changeEntry: PutEventsRequestEntry | undefined;
    if (transition.changed) {
      changeEntry = healthChangedEntry(
        deps.eventBusName,
        healthChangedDetail(f, {
          previousStatus: transition.previous?.status ?? null,
          previousSince: transition.previous?.since ?? null,
          status: next.status,
          confirmedByChecks: transition.confirmedByChecks,
        }),
        f.service.serviceArn
      );
      entries.push(changeEntry);
      logger.info("Service health changed", {
        service_name: f.service.serviceName,
        from: transition.previous?.status ?? null,
        to: next.status,
        reasons: f.verdict.reasons,
      });
    }
    if (transition.write) {
      writes.push({ transition, entry: changeEntry });
    }
  }

  const { published, error: publishError, accepted } = await publish(deps, entries);
  await writeStates(deps, writes, accepted, failures, malformed);

  const summary: HealthCheckSummary = {
    servicesChecked: active.length,
    associationsSkipped: skipped.length,
    statuses: countStatuses(reported),
    observed: countStatuses(findings.map((f) => f.verdict.status)),
    statusChanges: writes.filter(({ entry }) => entry !== undefined && accepted(entry)).length,
    serviceFailures: failures.size,
    topology: { reused: targetReads.reused, discovered: targetReads.discovered },
    targetGroups: { read: targetReads.groupsRead, reused: targetReads.groupsReused },
    eventsPublished: published,
    apiCalls: counter.snapshot(),
    apiCallsTotal: counter.total(),
    durationMs: Date.now() - started,
    windowStart: window.start.toISOString(),
    windowEnd: window.end.toISOString(),
  };
  if (publishError !== undefined) {
    logger.error("Health events were not all published", { error: publishError, summary });
    throw publishError;
  }
  return summary;
}

/** Thresholds of a service: its own when this account owns it and the config names it, else the defaults. */
export function thresholdsFor(config: RuntimeConfig, service: NetworkService): HealthThresholds {
  // A service another account shares into the network may carry a configured
  // name; it is judged by the default thresholds, never by ours.
  const owned = arnAccount(service.serviceArn) === config.accountId;
  return (owned ? findService(config, service.serviceName)?.health : undefined) ?? config.defaultHealth;
}

/** What the topology and target reads of one run found, and how much they reused. */
interface TargetReads {
  readonly evidence: Map<string, TargetEvidence>;
  readonly reused: number;
  readonly discovered: number;
  readonly groupsRead: number;
  readonly groupsReused: number;
}

/**
 * Each service's topology, then the targets of its groups in use, as one
 * pipeline per service (at most `concurrency` services at a time). A target
 * group shared by several services is read once per run.
 */
async function readTargets(
  deps: HealthMonitorDeps,
  services: readonly NetworkService[],
  thresholds: (serviceId: string) => HealthThresholds,
  now: Date,
  failures: Set<string>
): Promise<TargetReads> {
  const { logger, topologyCache: cache } = deps;
  // Without a cache from the caller, every target group is read on this check.
  const targetCache = deps.targetCache ?? new TargetHealthCache(1, 60_000);
  const nowMs = now.getTime();
  let reused = 0;
  let discovered = 0;
  let groupsRead = 0;
  let groupsReused = 0;

  const clock = deps.clock ?? Date.now;
  const outOfTime = () => deps.readDeadline !== undefined && clock() >= deps.readDeadline;
  const groupReads = new Map<string, Promise<TargetCounts | Error>>();
  const groupCounts = (id: string): Promise<TargetCounts | Error> => {
    let read = groupReads.get(id);
    if (read === undefined) {
      const cached = targetCache.reusable(id, nowMs);
      if (cached === undefined && outOfTime()) {
        read = Promise.resolve(new Error(OUT_OF_TIME));
      } else if (cached !== undefined) {
        groupsReused++;
        read = Promise.resolve(cached);
      } else {
        groupsRead++;
        read = readTargetCounts(deps.lattice, id).then(
          (counts) => {
            targetCache.store(id, counts, nowMs);
            return counts;
          },
          (error: unknown) => {
            targetCache.forget(id);
            return new Error(describeError(error));
          }
        );
      }
      groupReads.set(id, read);
    }
    return read;
  };

  const evidence = new Map<string, TargetEvidence>();
  await mapSettled(services, deps.config.healthMonitor.concurrency, async (service) => {
    if (outOfTime()) {
      failures.add(service.serviceId);
      evidence.set(service.serviceId, { ok: false, error: OUT_OF_TIME });
      return;
    }
    const owner = arnAccount(service.serviceArn);
    if (owner !== undefined && owner !== deps.config.accountId) {
      // Target groups of a service another account shares into the network
      // belong to that account: this account cannot read them, so they are not asked for.
      evidence.set(service.serviceId, {
        ok: false,
        error: `the service belongs to account ${owner}; its target groups cannot be read from this account`,
      });
      return;
    }
    const notes: string[] = [];
    let topology = cache.get(service.serviceId, nowMs);
    if (topology) {
      reused++;
    } else {
      try {
        const { ignored, ...found } = await discoverTopology(deps.lattice, service.serviceId, nowMs);
        if (ignored.length > 0) {
          logger.warn("Topology entries ignored", { service_id: service.serviceId, ignored });
        }
        cache.set(found);
        discovered++;
        topology = found;
      } catch (error) {
        failures.add(service.serviceId);
        topology = cache.fallback(service.serviceId, nowMs);
        if (topology === undefined) {
          logger.error("Topology could not be read", { service_id: service.serviceId, error });
          evidence.set(service.serviceId, { ok: false, error: `topology could not be read: ${describeError(error)}` });
          return;
        }
        // A refresh that failed keeps the cached topology, still within its TTL.
        logger.warn("Topology refresh failed; the cached topology is used", { service_id: service.serviceId, error });
        notes.push(
          `topology: refresh failed (${describeError(error)}); the topology listed at ` +
            `${new Date(topology.discoveredAt).toISOString()} is used`
        );
        reused++;
      }
    }
    const used = targetGroupsInUse(topology);
    const counts = new Map<string, TargetCounts | Error>();
    for (const id of used) {
      counts.set(id, await groupCounts(id));
    }
    const failed = used.filter((id) => counts.get(id) instanceof Error);
    if (failed.length > 0) {
      failures.add(service.serviceId);
      logger.error("Targets could not be read", {
        service_id: service.serviceId,
        target_groups: failed.map((id) => ({ id, error: (counts.get(id) as Error).message })),
      });
      if (failed.some((id) => /ResourceNotFound/.test((counts.get(id) as Error).message))) {
        // A target group that no longer exists means the cached routing is stale.
        cache.invalidate(service.serviceId);
      }
    }
    const minShare = thresholds(service.serviceId).minHealthyTargetShare;
    evidence.set(service.serviceId, { ok: true, signal: targetSignal(topology, counts, minShare), notes });
  });
  targetCache.retainOnly(groupReads.keys());
  return { evidence, reused, discovered, groupsRead, groupsReused };
}

/** Why a service's topology or a target group was not read. */
const OUT_OF_TIME = "not read: the run's time for reading topology and targets ran out";

/** Metrics of every service; a failed batch (or all of them) only makes its services unknown. */
async function readMetrics(
  deps: HealthMonitorDeps,
  services: readonly NetworkService[],
  window: MetricWindow,
  failures: Set<string>
): Promise<(SeriesOutcome | undefined)[]> {
  if (services.length === 0) {
    return [];
  }
  let outcomes: SeriesOutcome[];
  try {
    outcomes = await fetchServiceSeries(
      deps.cloudWatch,
      services.map((s) => s.serviceId),
      window,
      deps.logger
    );
  } catch (error) {
    // fetchServiceSeries logged every failed batch already.
    const message = `GetMetricData failed: ${describeError(error)}`;
    outcomes = services.map(() => ({ ok: false, error: message }));
  }
  outcomes.forEach((outcome, i) => {
    if (!outcome.ok) {
      failures.add(services[i].serviceId);
    }
  });
  return outcomes;
}

function checkEntry(
  deps: HealthMonitorDeps,
  f: ServiceFindings,
  status: HealthStatus,
  pendingChecks: number,
  notes: readonly string[] = []
): PutEventsRequestEntry {
  return healthCheckEntry(deps.eventBusName, healthCheckDetail(f, { status, pendingChecks, notes }), f.service.serviceArn);
}

/** What publishing found: the count, the error if any, and whether a given entry is known to be accepted. */
interface Published {
  readonly published: number;
  readonly error?: unknown;
  /** False for an entry PutEvents rejected, and for every entry when PutEvents itself failed. */
  readonly accepted: (entry: PutEventsRequestEntry) => boolean;
}

/** Publishes every entry; returns the error instead of throwing so the state writes can still happen. */
async function publish(deps: HealthMonitorDeps, entries: readonly PutEventsRequestEntry[]): Promise<Published> {
  try {
    const result = await publishEvents(deps.eventBridge, entries, {
      concurrency: deps.config.healthMonitor.concurrency,
      ...deps.publishOptions,
      logger: deps.logger,
    });
    return { published: result.published, accepted: () => true };
  } catch (error) {
    if (error instanceof PublishEventsError) {
      const rejected = new Set(error.failures.map((f) => f.entry));
      return { published: error.result.published, error, accepted: (entry) => !rejected.has(entry) };
    }
    return { published: 0, error, accepted: () => false };
  }
}

/**
 * Writes the changed rows. A row whose change event was not accepted is not
 * written, so the next run sees the change again and publishes it again.
 */
async function writeStates(
  deps: HealthMonitorDeps,
  writes: readonly { transition: Transition; entry?: PutEventsRequestEntry }[],
  accepted: (entry: PutEventsRequestEntry) => boolean,
  failures: Set<string>,
  malformed: ReadonlyMap<string, string>
): Promise<void> {
  const due = writes.filter(({ entry }) => entry === undefined || accepted(entry));
  const results = await mapSettled(due, STATE_WRITE_CONCURRENCY, ({ transition }) =>
    writeState(deps.dynamo, deps.tableName, transition.next, malformed.get(transition.next.serviceId))
  );
  results.forEach((result, i) => {
    const id = due[i].transition.next.serviceId;
    if (!result.ok) {
      failures.add(id);
      deps.logger.error("Health state could not be written", { service_id: id, error: result.error });
    } else if (result.value === "superseded") {
      deps.logger.info("Health state superseded by a newer check", { service_id: id });
    }
  });
}

/**
 * Rows written at the same time. Writes are single-item PutItem calls on an
 * on-demand table, and they pile up only on a cold start (a row per service).
 */
const STATE_WRITE_CONCURRENCY = 25;

function countStatuses(statuses: readonly HealthStatus[]): Record<HealthStatus, number> {
  const counts = Object.fromEntries(HEALTH_STATUSES.map((s) => [s, 0])) as Record<HealthStatus, number>;
  for (const status of statuses) {
    counts[status]++;
  }
  return counts;
}
