/**
 * The naive health monitor that the fleet benchmark compares ours with: what
 * a first version would do, with no cache and no state.
 *
 * It lists the network's services, then for each (at most `concurrency` at
 * once) reads the whole topology again (ListListeners; GetListener and
 * ListRules per listener; GetRule per non-default rule; ListTargets per
 * target group), makes ONE GetMetricData call with that service's own four
 * queries, judges it, and publishes its event with ONE PutEvents call.
 * Independent calls of a service run in parallel, so its wall time is not
 * inflated by needless waiting.
 *
 * Calls per run, for N services with L listeners and R non-default rules
 * each, forwarding to T distinct target groups:
 *   ceil(N / 100) + N * (1 + 2L + R + T + 1 + 1).
 */
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { PutEventsCommand } from "@aws-sdk/client-eventbridge";
import type { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import {
  GetListenerCommand,
  GetRuleCommand,
  ListListenersCommand,
  ListRulesCommand,
  ListServiceNetworkServiceAssociationsCommand,
  ListTargetsCommand,
} from "@aws-sdk/client-vpc-lattice";
import type { RuleAction, ServiceNetworkServiceAssociationSummary, VPCLatticeClient } from "@aws-sdk/client-vpc-lattice";

import { mapSettled } from "../../lambdas/shared/concurrency";
import type { HealthThresholds } from "../../lambdas/shared/runtime-config";

export type NaiveStatus = "healthy" | "degraded" | "unhealthy" | "unknown";

export type NaiveThresholds = Pick<HealthThresholds, "maxErrorRate" | "maxP99LatencyMs" | "minRequests" | "minHealthyTargetShare">;

export interface NaiveMonitorOptions {
  readonly lattice: VPCLatticeClient;
  readonly cloudWatch: CloudWatchClient;
  readonly eventBridge: EventBridgeClient;
  readonly serviceNetworkIdentifier: string;
  readonly eventBusName: string;
  /** Applied to every service (the naive monitor reads no per-service config). */
  readonly thresholds: NaiveThresholds;
  readonly windowMinutes: number;
  /** Services checked at once. */
  readonly concurrency: number;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

export interface NaiveSummary {
  readonly servicesChecked: number;
  readonly statuses: Record<NaiveStatus, number>;
}

interface Readings {
  readonly requests?: number;
  readonly errors?: number;
  readonly p99?: number;
  readonly healthyTargets: number;
  readonly checkedTargets: number;
}

/** Reads every page of a Lattice listing. */
async function allPages<T>(read: (nextToken?: string) => Promise<{ items?: T[]; nextToken?: string }>): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | undefined;
  do {
    const page = await read(nextToken);
    items.push(...(page.items ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return items;
}

function forwardedGroups(action: RuleAction | undefined): string[] {
  return (action?.forward?.targetGroups ?? []).map((g) => g.targetGroupIdentifier ?? "");
}

/** The status of one service: too few healthy targets or too many 5xx is unhealthy, a slow p99 degraded. */
export function naiveVerdict(r: Readings, t: NaiveThresholds): NaiveStatus {
  if (r.checkedTargets > 0 && r.healthyTargets / r.checkedTargets < t.minHealthyTargetShare) return "unhealthy";
  if (r.requests === undefined) return "unknown";
  if (r.requests < t.minRequests) return "healthy";
  if ((r.errors ?? 0) / r.requests > t.maxErrorRate) return "unhealthy";
  if (r.p99 === undefined) return "unknown";
  return r.p99 > t.maxP99LatencyMs ? "degraded" : "healthy";
}

/** Runs one naive check of every ACTIVE service in the network. */
export async function runNaiveMonitor(options: NaiveMonitorOptions): Promise<NaiveSummary> {
  const { lattice, cloudWatch } = options;
  const end = new Date(Math.floor((options.now ?? (() => new Date()))().getTime() / 60_000) * 60_000);
  const start = new Date(end.getTime() - options.windowMinutes * 60_000);

  const readTargets = async (serviceIdentifier: string): Promise<Pick<Readings, "healthyTargets" | "checkedTargets">> => {
    const listeners = await allPages((nextToken) => lattice.send(new ListListenersCommand({ serviceIdentifier, nextToken })));
    const groups = await Promise.all(
      listeners.map(async ({ id: listenerIdentifier }) => {
        const [listener, rules] = await Promise.all([
          lattice.send(new GetListenerCommand({ serviceIdentifier, listenerIdentifier })),
          allPages((nextToken) => lattice.send(new ListRulesCommand({ serviceIdentifier, listenerIdentifier, nextToken }))),
        ]);
        const ruleActions = await Promise.all(
          rules
            .filter((r) => !r.isDefault)
            .map((r) => lattice.send(new GetRuleCommand({ serviceIdentifier, listenerIdentifier, ruleIdentifier: r.id })))
        );
        return [...forwardedGroups(listener.defaultAction), ...ruleActions.flatMap((r) => forwardedGroups(r.action))];
      })
    );
    const targets = await Promise.all(
      [...new Set(groups.flat())].map((targetGroupIdentifier) =>
        allPages((nextToken) => lattice.send(new ListTargetsCommand({ targetGroupIdentifier, nextToken })))
      )
    );
    const checked = targets.flat().filter((t) => t.status !== "UNAVAILABLE");
    return { healthyTargets: checked.filter((t) => t.status === "HEALTHY").length, checkedTargets: checked.length };
  };

  const readMetrics = async (serviceId: string): Promise<Pick<Readings, "requests" | "errors" | "p99">> => {
    const query = (id: string, MetricName: string, Stat: string) => ({
      Id: id,
      MetricStat: {
        Metric: { Namespace: "AWS/VpcLattice", MetricName, Dimensions: [{ Name: "Service", Value: serviceId }] },
        Period: options.windowMinutes * 60,
        Stat,
      },
    });
    const response = await cloudWatch.send(
      new GetMetricDataCommand({
        StartTime: start,
        EndTime: end,
        MetricDataQueries: [
          query("requests", "TotalRequestCount", "Sum"),
          query("errors", "HTTPCode_5XX_Count", "Sum"),
          query("clientErrors", "HTTPCode_4XX_Count", "Sum"),
          query("p99", "RequestTime", "p99"),
        ],
      })
    );
    const values = (id: string) => response.MetricDataResults?.find((r) => r.Id === id)?.Values ?? [];
    const sum = (id: string) => (values(id).length ? values(id).reduce((a, b) => a + b, 0) : undefined);
    return { requests: sum("requests"), errors: sum("errors"), p99: values("p99").length ? Math.max(...values("p99")) : undefined };
  };

  const check = async (service: ServiceNetworkServiceAssociationSummary): Promise<NaiveStatus> => {
    const serviceId = service.serviceId ?? "";
    const [targets, metrics] = await Promise.all([readTargets(serviceId), readMetrics(serviceId)]);
    const status = naiveVerdict({ ...targets, ...metrics }, options.thresholds);
    const detail = { serviceId, serviceName: service.serviceName, status, ...metrics, ...targets };
    await options.eventBridge.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: "bench.naive-monitor",
            DetailType: "Service Health Check",
            Detail: JSON.stringify(detail),
            EventBusName: options.eventBusName,
            Resources: service.serviceArn ? [service.serviceArn] : [],
          },
        ],
      })
    );
    return status;
  };

  const associations = await allPages((nextToken) =>
    lattice.send(
      new ListServiceNetworkServiceAssociationsCommand({ serviceNetworkIdentifier: options.serviceNetworkIdentifier, maxResults: 100, nextToken })
    )
  );
  const active = associations.filter((a) => a.status === "ACTIVE");
  const outcomes = await mapSettled(active, options.concurrency, check);
  const statuses: Record<NaiveStatus, number> = { healthy: 0, degraded: 0, unhealthy: 0, unknown: 0 };
  for (const outcome of outcomes) {
    if (!outcome.ok) throw outcome.error;
    statuses[outcome.value]++;
  }
  return { servicesChecked: active.length, statuses };
}
