/**
 * Cases from a second review of whole health checks and the refresh caches:
 * malformed state rows, the read deadline inside a service, a failed
 * topology refresh, and refreshes spread over runs whatever the schedule's
 * phase. The fake table compares `lastCheckAt` as text, as DynamoDB does
 * (checked against moto's evaluator of WRITE_CONDITION).
 */
import { ListListenersCommand, ListTargetsCommand } from "@aws-sdk/client-vpc-lattice";
import "aws-sdk-client-mock-jest";

import type { HealthMonitorDeps } from "../../../lambdas/health-monitor/deps";
import { runHealthCheck } from "../../../lambdas/health-monitor/monitor";
import { healthKey } from "../../../lambdas/health-monitor/state/store";
import { TopologyCache } from "../../../lambdas/health-monitor/topology/cache";
import { slotOf } from "../../../lambdas/health-monitor/topology/check-slots";
import { DETAIL_TYPES } from "../../../lambdas/shared/events";
import type { HealthChangedDetail, HealthCheckDetail } from "../../../lambdas/shared/health-events";
import { CHECK_TIME, table, givenWorld, latticeMock, monitorDeps, resetWorld, sentDetails, worldService } from "../../helpers/health-world";
import type { WorldService } from "../../helpers/health-world";
import { serviceId } from "../../helpers/lattice-fixtures";
import { recordingLogger } from "../../helpers/log-recorder";
import type { LogRecorder } from "../../helpers/log-recorder";
import { DEFAULT_HEALTH, runtimeConfig } from "../../helpers/runtime-config";

const NOW = CHECK_TIME;

let logger: LogRecorder;
let cache: TopologyCache;

/** Services named `sl-svc-<n>` are not configured: they use the default thresholds. */
const service = (n: number, overrides: Partial<WorldService> = {}): WorldService => worldService(n, undefined, overrides);

function deps(overrides: Partial<HealthMonitorDeps> = {}): HealthMonitorDeps {
  return monitorDeps({ logger, topologyCache: cache }, overrides);
}

const details = sentDetails;
const checks = () => details<HealthCheckDetail>(DETAIL_TYPES.healthCheck);
const changes = () => details<HealthChangedDetail>(DETAIL_TYPES.healthChanged);

beforeEach(() => {
  resetWorld();
  logger = recordingLogger();
  cache = new TopologyCache(15 * 60_000);
});

describe("runHealthCheck and its caches: second review", () => {
  it("replaces a malformed state row whose lastCheckAt is a string that is not a time", async () => {
    // fromItem rejects this row (lastCheckAt is not a time), so it counts as absent;
    // the write condition must then let the first run replace it.
    table.set(healthKey(serviceId(1)), {
      pk: { S: healthKey(serviceId(1)) },
      serviceId: { S: serviceId(1) },
      serviceName: { S: "sl-svc-1" },
      status: { S: "healthy" },
      since: { S: "garbage" },
      pendingStatus: { NULL: true },
      pendingChecks: { N: "0" },
      lastCheckAt: { S: "garbage" },
      expiresAt: { N: String(Math.floor(NOW.getTime() / 1000) + 86_400) },
    });
    givenWorld([service(1)]);
    await runHealthCheck(deps());
    givenWorld([service(1)]);
    await runHealthCheck(deps({ now: () => new Date(NOW.getTime() + 300_000) }));
    // README: the first check of a service is reported at once, later ones follow the consecutive-check rule.
    expect(changes().map((c) => c.previousStatus)).toEqual([]);
    // The first run replaced the malformed row; the steady second run had nothing to write.
    expect(table.get(healthKey(serviceId(1)))?.lastCheckAt).toEqual({ S: NOW.toISOString() });
  });

  it("reads no target group once the read deadline has passed, even for a service whose topology was read before it", async () => {
    givenWorld([service(1)]);
    let clockMs = 1_000;
    latticeMock.on(ListListenersCommand).callsFake((input) => {
      // the topology read takes until after the deadline
      clockMs = 10_000;
      const id = `listener-${input.serviceIdentifier.slice(4)}`;
      return { items: [{ id, name: "https", port: 443, protocol: "HTTPS" }] };
    });
    await runHealthCheck(deps({ readDeadline: 5_000, clock: () => clockMs }));
    expect(latticeMock).toHaveReceivedCommandTimes(ListListenersCommand, 1);
    expect(latticeMock).not.toHaveReceivedCommand(ListTargetsCommand);
  });

  it("names a failed topology refresh in the service's reasons when the cached topology is used instead", async () => {
    const intervalMs = 5 * 60_000;
    cache = new TopologyCache(60 * 60_000, intervalMs);
    const id = serviceId(1);
    const cycle = cache.cycle;
    const k = Array.from({ length: cycle }, (_, i) => i + 1).find(
      (i) => i % cycle === slotOf(id, cycle)
    ) as number;
    givenWorld([service(1)]);
    await runHealthCheck(deps());
    givenWorld([service(1, { topologyError: Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" }) })]);
    const summary = await runHealthCheck(deps({ now: () => new Date(NOW.getTime() + k * intervalMs) }));
    expect(summary.serviceFailures).toBe(1);
    const [check] = checks();
    expect(check.reasons.join("\n")).toMatch(/topology/i);
  });

  it("treats a row whose lastCheckAt is not in ISO form as malformed, replaces it, and is not frozen by it", async () => {
    // The write condition compares times as text, so only the exact ISO form the monitor writes is accepted;
    // "Sat, 01 Mar 2025 ..." would sort after every ISO time and block every write.
    const config = runtimeConfig({ defaultHealth: { ...DEFAULT_HEALTH, consecutiveChecks: 2 } });
    table.set(healthKey(serviceId(1)), {
      pk: { S: healthKey(serviceId(1)) },
      serviceId: { S: serviceId(1) },
      serviceName: { S: "sl-svc-1" },
      status: { S: "healthy" },
      since: { S: "2025-03-01T11:00:00.000Z" },
      pendingStatus: { NULL: true },
      pendingChecks: { N: "0" },
      lastCheckAt: { S: new Date(NOW.getTime() - 300_000).toUTCString() },
      expiresAt: { N: String(Math.floor(NOW.getTime() / 1000) + 86_400) },
    });
    const sick = service(1, { targetGroups: [{ id: `tg-${serviceId(1).slice(4)}`, statuses: ["UNHEALTHY", "UNHEALTHY"] }] });
    const reported: string[] = [];
    for (const minute of [0, 5, 10]) {
      givenWorld([sick]);
      await runHealthCheck(deps({ config, now: () => new Date(NOW.getTime() + minute * 60_000) }));
      reported.push(checks()[0].status);
    }
    // the malformed row counts as absent: the first check is reported at once and replaces the row
    expect(reported).toEqual(["unhealthy", "unhealthy", "unhealthy"]);
    expect(table.get(healthKey(serviceId(1)))?.since).toEqual({ S: NOW.toISOString() });
  });

  it("spreads topology refreshes when topologyCacheMinutes is between one and one and a half rateMinutes", () => {
    // TTL 6 min, rate 5 min: README says each run lists about rateMinutes / topologyCacheMinutes of
    // the services instead of all of them expiring on one run after a cold start.
    const intervalMs = 5 * 60_000;
    const topologies = new TopologyCache(6 * 60_000, intervalMs);
    const ids = Array.from({ length: 100 }, (_, i) => serviceId(i + 1));
    const t0 = 1_740_000_000_000 - (1_740_000_000_000 % intervalMs) + 30_000;
    const listed: number[] = [];
    for (let run = 0; run < 8; run++) {
      const now = t0 + run * intervalMs;
      let n = 0;
      for (const id of ids) {
        if (topologies.get(id, now) === undefined) {
          n++;
          topologies.set({ serviceId: id, listenerCount: 1, actions: [], discoveredAt: now });
        }
      }
      listed.push(n);
    }
    // after the cold start (run 0), no run relists the whole fleet
    expect(Math.max(...listed.slice(1))).toBeLessThan(ids.length);
  });

  it("relists each topology once per TTL when the scheduler invokes anywhere within its documented 60-second precision", () => {
    // EventBridge Scheduler: a rate schedule starts when it is created (any phase), and invokes
    // "between 1:00:00 and 1:00:59" of each scheduled minute. Phase here: 2 minutes after a 5-minute mark.
    const intervalMs = 5 * 60_000;
    const topologies = new TopologyCache(60 * 60_000, intervalMs);
    const ids = Array.from({ length: 240 }, (_, i) => serviceId(i + 1));
    const t0 = 1_740_000_000_000 - (1_740_000_000_000 % intervalMs) + 120_000;
    let seed = 42;
    const delay = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * 60_000);
    };
    const lastListed = new Map<string, number>();
    let shortestGapAfterWarmUp = Infinity;
    for (let run = 0; run < 120; run++) {
      const now = t0 + run * intervalMs + delay();
      for (const id of ids) {
        if (topologies.get(id, now) === undefined) {
          const last = lastListed.get(id);
          if (last !== undefined && run >= 2 * topologies.cycle) {
            shortestGapAfterWarmUp = Math.min(shortestGapAfterWarmUp, now - last);
          }
          lastListed.set(id, now);
          topologies.set({ serviceId: id, listenerCount: 1, actions: [], discoveredAt: now });
        }
      }
    }
    // once spread, a topology is listed again on its slot, about one TTL later, not one run later
    expect(shortestGapAfterWarmUp).toBeGreaterThanOrEqual(30 * 60_000);
  });
});
