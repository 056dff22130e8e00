/**
 * Edge cases of a whole health check found by a hostile review: values
 * exactly on a threshold after weighting, a malformed state row, a repeated
 * association, a failed metrics read beside a target breach, and a failed
 * topology refresh.
 */
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { ListServiceNetworkServiceAssociationsCommand } from "@aws-sdk/client-vpc-lattice";
import "aws-sdk-client-mock-jest";

import type { HealthMonitorDeps } from "../../../lambdas/health-monitor/deps";
import { runHealthCheck } from "../../../lambdas/health-monitor/monitor";
import { fromItem, healthKey } from "../../../lambdas/health-monitor/state/store";
import { TopologyCache } from "../../../lambdas/health-monitor/topology/cache";
import { slotOf } from "../../../lambdas/health-monitor/topology/check-slots";
import { DETAIL_TYPES } from "../../../lambdas/shared/events";
import type { HealthChangedDetail, HealthCheckDetail } from "../../../lambdas/shared/health-events";
import { CHECK_TIME, table, cloudWatchMock, givenWorld, latticeMock, monitorDeps, resetWorld, sentDetails, worldService } from "../../helpers/health-world";
import type { WorldService } from "../../helpers/health-world";
import { association, serviceId } from "../../helpers/lattice-fixtures";
import { recordingLogger } from "../../helpers/log-recorder";
import type { LogRecorder } from "../../helpers/log-recorder";

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

describe("runHealthCheck edge cases", () => {
  it("does not breach maxErrorRate when the window's 5xx share is exactly at the threshold", async () => {
    // 7 of 140 requests failed: exactly 0.05 = maxErrorRate, which README says is not a breach.
    givenWorld([service(1, { metrics: { requests: [25, 115], errors: [7, 0], clientErrors: [0, 0], p99: [100, 100] } })]);
    await runHealthCheck(deps());
    const [check] = checks();
    expect(check).toMatchObject({ requestCount: 140, errorCount: 7 });
    expect({ observedStatus: check.observedStatus, errorRate: check.errorRate }).toEqual({ observedStatus: "healthy", errorRate: 0.05 });
  });

  it("does not breach minHealthyTargetShare when the weighted healthy share is exactly at the threshold", async () => {
    // weights 1:2, shares 2/8 and 5/8: (1*0.25 + 2*0.625) / 3 = 0.5 exactly = minHealthyTargetShare.
    givenWorld([
      service(1, {
        targetGroups: [
          { id: "tg-0000000000000000a", weight: 100, statuses: ["HEALTHY", "HEALTHY", ...Array(6).fill("UNHEALTHY")] },
          { id: "tg-0000000000000000b", weight: 200, statuses: [...Array(5).fill("HEALTHY"), "UNHEALTHY", "UNHEALTHY", "UNHEALTHY"] },
        ],
      }),
    ]);
    await runHealthCheck(deps());
    const [check] = checks();
    expect({ observedStatus: check.observedStatus, healthyShare: check.targets?.healthyShare }).toEqual({
      observedStatus: "healthy",
      healthyShare: 0.5,
    });
  });

  it("names a failed GetMetricData call in the reasons even when the targets alone make the service unhealthy", async () => {
    givenWorld([service(1, { targetGroups: [{ id: "tg-00000000000000001", statuses: ["UNHEALTHY", "UNHEALTHY"] }] })]);
    cloudWatchMock.on(GetMetricDataCommand).rejects(Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" }));
    const summary = await runHealthCheck(deps());
    const [check] = checks();
    expect(check.observedStatus).toBe("unhealthy");
    expect(summary.serviceFailures).toBe(1);
    expect(check.reasons.join("\n")).toMatch(/GetMetricData failed/);
  });

  it("replaces a malformed state row instead of announcing the service as new on every run", async () => {
    // A row that fromItem rejects (lastCheckAt stored as a number): README says it counts as absent.
    table.set(healthKey(serviceId(1)), {
      pk: { S: healthKey(serviceId(1)) },
      serviceId: { S: serviceId(1) },
      serviceName: { S: "sl-svc-1" },
      status: { S: "healthy" },
      lastCheckAt: { N: String(NOW.getTime() - 300_000) },
      expiresAt: { N: String(Math.floor(NOW.getTime() / 1000) + 86_400) },
    });
    givenWorld([service(1)]);
    await runHealthCheck(deps());
    expect(changes()).toHaveLength(1);
    // The second run, same verdict, should see a steady state and publish no change ...
    givenWorld([service(1)]);
    await runHealthCheck(deps({ now: () => new Date(NOW.getTime() + 300_000) }));
    expect(changes().map((c) => c.previousStatus)).toEqual([]);
    // ... because the first run replaced the row with a well-formed one.
    expect(fromItem(table.get(healthKey(serviceId(1)))!)).toBeDefined();
  });

  it("checks a service listed twice by the association paging once, with one Service Health Check event", async () => {
    givenWorld([service(1), service(2)]);
    // The same association comes back on both pages (paging over a changing list).
    latticeMock.on(ListServiceNetworkServiceAssociationsCommand).callsFake((input) =>
      input.nextToken === undefined
        ? { items: [association(serviceId(1), "sl-svc-1")], nextToken: "p2" }
        : { items: [association(serviceId(1), "sl-svc-1"), association(serviceId(2), "sl-svc-2")] }
    );
    const summary = await runHealthCheck(deps());
    expect(summary.servicesChecked).toBe(2);
    expect(checks().filter((d) => d.serviceId === serviceId(1))).toHaveLength(1);
    expect(changes().filter((d) => d.serviceId === serviceId(1))).toHaveLength(1);
  });

  it("keeps judging targets with the cached topology, still within its TTL, when its spread refresh fails", async () => {
    const intervalMs = 5 * 60_000;
    cache = new TopologyCache(60 * 60_000, intervalMs);
    const id = serviceId(1);
    const cycle = cache.cycle;
    // The first later check that is this service's refresh slot.
    const k = Array.from({ length: cycle }, (_, i) => i + 1).find(
      (i) => i % cycle === slotOf(id, cycle)
    ) as number;
    givenWorld([service(1)]);
    await runHealthCheck(deps());
    expect(checks()[0].targets).not.toBeNull();

    // On its slot (age k * 5 min < 60 min TTL) ListListeners is throttled past the SDK retries.
    givenWorld([service(1, { topologyError: Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" }) })]);
    await runHealthCheck(deps({ now: () => new Date(NOW.getTime() + k * intervalMs) }));
    const [check] = checks();
    expect(check.targets).not.toBeNull();
    expect(check.targets?.healthyShare).toBe(1);
  });
});
