import { createFakeAws } from "../../../scripts/bench/fake-aws";
import type { FakeAws } from "../../../scripts/bench/fake-aws";
import type { Fleet } from "../../../scripts/bench/fleet";
import { runNaiveMonitor } from "../../../scripts/bench/naive-monitor";
import type { NaiveSummary } from "../../../scripts/bench/naive-monitor";

const THRESHOLDS = { maxErrorRate: 0.05, maxP99LatencyMs: 2000, minRequests: 20, minHealthyTargetShare: 0.5 };

let fake: FakeAws;

afterEach(() => fake?.restore());

function runNaive(services: number): Promise<NaiveSummary> {
  fake = createFakeAws({ services, latencyMs: 0 });
  return runNaiveMonitor({
    ...fake.clients,
    serviceNetworkIdentifier: fake.fleet.network.arn,
    eventBusName: fake.eventBusName,
    thresholds: THRESHOLDS,
    windowMinutes: 5,
    concurrency: 10,
    now: () => new Date("2025-03-01T12:05:30Z"),
  });
}

/** The documented formula: ceil(N / 100) + sum over services of (1 + 2L + R + T + 1 + 1). */
function expectedCalls(fleet: Fleet): number {
  const perService = fleet.services.map((s) => {
    const listeners = s.listeners.length;
    const rules = s.listeners.reduce((n, l) => n + l.rules.length, 0);
    const groups = new Set(s.listeners.flatMap((l) => [...l.defaultForward, ...l.rules.flatMap((r) => r.forward)].map((f) => f.targetGroupId)));
    return 1 + 2 * listeners + rules + groups.size + 1 + 1;
  });
  return Math.ceil(fleet.services.length / 100) + perService.reduce((a, b) => a + b, 0);
}

describe("naive monitor", () => {
  test("makes one call of each kind per service, plus GetRule and ListTargets for canaries", async () => {
    // Act: 12 services, of which 4 and 9 carry a canary rule
    await runNaive(12);

    // Assert
    expect(fake.calls()).toEqual({
      ListServiceNetworkServiceAssociations: 1,
      ListListeners: 12,
      GetListener: 12,
      ListRules: 12,
      GetRule: 2,
      ListTargets: 14,
      GetMetricData: 12,
      PutEvents: 12,
    });
    expect(fake.totalCalls()).toBe(77);
    expect(fake.totalCalls()).toBe(expectedCalls(fake.fleet));
  });

  test("follows the formula on a fleet that needs three association pages", async () => {
    await runNaive(250);

    expect(fake.calls().ListServiceNetworkServiceAssociations).toBe(3);
    expect(fake.totalCalls()).toBe(expectedCalls(fake.fleet)); // 3 + 6 * 250 + 2 * 50
    expect(fake.totalCalls()).toBe(1603);
  });

  test("judges each service and publishes one event for it", async () => {
    // Act: service 4 is slow, 7 answers 12% 5xx, 11 has two of three targets unhealthy
    const summary = await runNaive(12);

    // Assert
    expect(summary).toEqual({ servicesChecked: 12, statuses: { healthy: 9, degraded: 1, unhealthy: 2, unknown: 0 } });
    expect(fake.published).toHaveLength(12);
    const detail = JSON.parse(fake.published.find((e) => e.Detail?.includes("bench-0007"))?.Detail ?? "{}");
    expect(detail).toMatchObject({ serviceName: "bench-0007", status: "unhealthy", requests: expect.any(Number), healthyTargets: 3 });
  });
});
