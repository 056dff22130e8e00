import type { HealthReading } from "../../../lambdas/health-monitor/readings";
import type { TargetSignal } from "../../../lambdas/health-monitor/topology/target-signal";
import type { TargetCounts } from "../../../lambdas/health-monitor/topology/types";
import { judge } from "../../../lambdas/health-monitor/verdict";
import type { TargetEvidence } from "../../../lambdas/health-monitor/verdict";
import type { HealthThresholds } from "../../../lambdas/shared/runtime-config";

const THRESHOLDS: HealthThresholds = {
  maxErrorRate: 0.05,
  maxP99LatencyMs: 800,
  minRequests: 100,
  minHealthyTargetShare: 0.5,
  consecutiveChecks: 1,
};

function reading(overrides: Partial<HealthReading> = {}): HealthReading {
  return {
    traffic: "measured",
    requestCount: 1000,
    errorCount: 10,
    clientErrorCount: 3,
    errorRate: 0.01,
    p99LatencyMs: 200,
    gaps: {},
    notes: [],
    ...overrides,
  };
}

function counts(healthy: number, unhealthy: number, extra: Partial<TargetCounts> = {}): TargetCounts {
  return { HEALTHY: healthy, UNHEALTHY: unhealthy, UNAVAILABLE: 0, DRAINING: 0, INITIAL: 0, UNUSED: 0, OTHER: 0, ...extra };
}

function targets(healthyShare: number | null, overrides: Partial<TargetSignal> = {}): TargetEvidence {
  const signal: TargetSignal = {
    healthyShare,
    counts: counts(3, 1),
    targetGroupsInUse: 1,
    breached: healthyShare !== null && healthyShare < THRESHOLDS.minHealthyTargetShare,
    reasons:
      healthyShare === null
        ? ["healthyTargetShare unknown", "tg-00000000000000001: every target is UNAVAILABLE (health checks off)"]
        : [`healthyTargetShare ${healthyShare} vs minHealthyTargetShare 0.5`, "target group detail"],
    gaps: healthyShare === null ? ["tg-00000000000000001: every target is UNAVAILABLE (health checks off)"] : [],
    ...overrides,
  };
  return { ok: true, signal };
}

const HEALTHY_TARGETS = targets(1);

describe("judge", () => {
  it("calls a service with low error rate, low latency and healthy targets healthy, with every signal's line", () => {
    const v = judge(reading(), HEALTHY_TARGETS, THRESHOLDS);
    expect(v.status).toBe("healthy");
    expect(v.reasons).toEqual([
      "healthyTargetShare 1 vs minHealthyTargetShare 0.5",
      "target group detail",
      "errorRate 0.01 <= maxErrorRate 0.05 (HTTPCode_5XX_Count 10 of TotalRequestCount 1000)",
      "RequestTime p99 200 ms <= maxP99LatencyMs 800 ms",
    ]);
  });

  it("calls a service that answers most requests with 5xx unhealthy, whatever its targets say", () => {
    const v = judge(reading({ errorCount: 900, errorRate: 0.9 }), HEALTHY_TARGETS, THRESHOLDS);
    expect(v.status).toBe("unhealthy");
    expect(v.reasons[0]).toBe("errorRate 0.9 > maxErrorRate 0.05 (HTTPCode_5XX_Count 900 of TotalRequestCount 1000)");
  });

  it("calls a slow service degraded", () => {
    const v = judge(reading({ p99LatencyMs: 950 }), HEALTHY_TARGETS, THRESHOLDS);
    expect(v.status).toBe("degraded");
    expect(v.reasons[0]).toBe("RequestTime p99 950 ms > maxP99LatencyMs 800 ms");
  });

  it("lets the worst breach win and lists every breach", () => {
    const v = judge(reading({ errorRate: 0.2, p99LatencyMs: 950 }), HEALTHY_TARGETS, THRESHOLDS);
    expect(v.status).toBe("unhealthy");
    expect(v.reasons.slice(0, 2)).toEqual([
      expect.stringMatching(/^errorRate 0.2 > maxErrorRate/),
      expect.stringMatching(/^RequestTime p99 950 ms > maxP99LatencyMs/),
    ]);
  });

  it("calls a service whose targets are all unhealthy unhealthy, even with good metrics", () => {
    const v = judge(reading(), targets(0, { counts: counts(0, 4) }), THRESHOLDS);
    expect(v.status).toBe("unhealthy");
    expect(v.reasons[0]).toBe("healthyTargetShare 0 vs minHealthyTargetShare 0.5");
    expect(v.reasons).toContain("target group detail");
  });

  it("calls an idle service with healthy targets healthy and does not judge its rates", () => {
    const v = judge(reading({ requestCount: 3, errorCount: 3, errorRate: 1, p99LatencyMs: 9000 }), HEALTHY_TARGETS, THRESHOLDS);
    expect(v.status).toBe("healthy");
    expect(v.reasons[0]).toBe("idle: TotalRequestCount 3 < minRequests 100; rates not evaluated");
  });

  it("calls a service with no traffic on record healthy when its targets vouch", () => {
    const v = judge(
      reading({ traffic: "none", requestCount: null, errorCount: 0, errorRate: null, p99LatencyMs: null, gaps: { requests: "TotalRequestCount: no data points in the window (status Complete)" } }),
      HEALTHY_TARGETS,
      THRESHOLDS
    );
    expect(v.status).toBe("healthy");
    expect(v.reasons[0]).toMatch(/^no traffic on record \(TotalRequestCount: no data points.*\); targets vouch$/);
  });

  it("calls a service with no traffic on record unknown when no target is health-checked", () => {
    const v = judge(reading({ traffic: "none", requestCount: null, errorRate: null, p99LatencyMs: null }), targets(null), THRESHOLDS);
    expect(v.status).toBe("unknown");
    expect(v.reasons).toContain("tg-00000000000000001: every target is UNAVAILABLE (health checks off)");
  });

  it("calls a service unknown when its metrics are missing, even when its targets are healthy", () => {
    const gaps = { requests: "TotalRequestCount: query failed with status InternalError" };
    const v = judge(reading({ traffic: "unknown", requestCount: null, errorRate: null, p99LatencyMs: null, gaps }), HEALTHY_TARGETS, THRESHOLDS);
    expect(v.status).toBe("unknown");
    expect(v.reasons[0]).toBe("TotalRequestCount: query failed with status InternalError");
  });

  it("still calls a service with missing metrics unhealthy when its targets are", () => {
    const v = judge(reading({ traffic: "unknown", requestCount: null, errorRate: null, p99LatencyMs: null }), targets(0.25), THRESHOLDS);
    expect(v.status).toBe("unhealthy");
  });

  it("calls a busy service unknown when a rate cannot be computed and nothing breaches", () => {
    const v = judge(reading({ errorRate: null, gaps: { errorRate: "errorRate (metric math ...): query failed" } }), HEALTHY_TARGETS, THRESHOLDS);
    expect(v).toMatchObject({ status: "unknown" });
    expect(v.reasons[0]).toBe("errorRate (metric math ...): query failed");
  });

  it("judges by metrics, with the gap listed, when the topology could not be read", () => {
    const v = judge(reading(), { ok: false, error: "topology could not be read: ThrottlingException" }, THRESHOLDS);
    expect(v.status).toBe("healthy");
    expect(v.reasons).toContain("targets: topology could not be read: ThrottlingException");
  });

  describe("boundaries", () => {
    it("does not count an error rate exactly at maxErrorRate as a breach", () => {
      expect(judge(reading({ errorRate: 0.05 }), HEALTHY_TARGETS, THRESHOLDS).status).toBe("healthy");
      expect(judge(reading({ errorRate: 0.050001 }), HEALTHY_TARGETS, THRESHOLDS).status).toBe("unhealthy");
    });

    it("does not count a p99 exactly at maxP99LatencyMs as a breach", () => {
      expect(judge(reading({ p99LatencyMs: 800 }), HEALTHY_TARGETS, THRESHOLDS).status).toBe("healthy");
      expect(judge(reading({ p99LatencyMs: 800.001 }), HEALTHY_TARGETS, THRESHOLDS).status).toBe("degraded");
    });

    it("does not count exactly minRequests requests as idle", () => {
      const breaching = { errorRate: 0.5, p99LatencyMs: 200 };
      expect(judge(reading({ ...breaching, requestCount: 100 }), HEALTHY_TARGETS, THRESHOLDS).status).toBe("unhealthy");
      expect(judge(reading({ ...breaching, requestCount: 99 }), HEALTHY_TARGETS, THRESHOLDS).status).toBe("healthy");
    });

    it("does not count a healthy target share exactly at minHealthyTargetShare as a breach", () => {
      expect(judge(reading(), targets(0.5), THRESHOLDS).status).toBe("healthy");
      expect(judge(reading(), targets(0.4999), THRESHOLDS).status).toBe("unhealthy");
    });

    it("treats zero requests as idle even when minRequests is 0", () => {
      const v = judge(reading({ requestCount: 0, errorRate: null, p99LatencyMs: null }), HEALTHY_TARGETS, { ...THRESHOLDS, minRequests: 0 });
      expect(v.status).toBe("healthy");
      expect(v.reasons[0]).toBe("idle: TotalRequestCount 0 < minRequests 1; rates not evaluated");
    });
  });
});
