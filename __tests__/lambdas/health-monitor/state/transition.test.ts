import { advance } from "../../../../lambdas/health-monitor/state/transition";
import type { HealthState, TransitionInput } from "../../../../lambdas/health-monitor/state/transition";
import type { HealthStatus } from "../../../../lambdas/shared/events";

const T0 = new Date("2025-03-01T12:00:00Z");
const TTL = 14 * 86_400;

function at(minutes: number): Date {
  return new Date(T0.getTime() + minutes * 60_000);
}

function stored(overrides: Partial<HealthState> = {}): HealthState {
  return {
    serviceId: "svc-00000000000000001",
    serviceName: "sl-orders",
    status: "healthy",
    since: T0.toISOString(),
    pendingStatus: null,
    pendingChecks: 0,
    lastCheckAt: T0.toISOString(),
    expiresAt: Math.floor(T0.getTime() / 1000) + TTL,
    ...overrides,
  };
}

function input(previous: HealthState | undefined, observed: HealthStatus, now: Date, consecutiveChecks = 3): TransitionInput {
  return { previous, serviceId: "svc-00000000000000001", serviceName: "sl-orders", observed, consecutiveChecks, now, ttlSeconds: TTL };
}

/** Feeds a sequence of observed statuses, one check a minute, and returns the reported status after each. */
function run(observed: HealthStatus[], consecutiveChecks: number, start: HealthState = stored()): HealthStatus[] {
  let state = start;
  return observed.map((status, i) => {
    const t = advance(input(state, status, at(i + 1), consecutiveChecks));
    state = t.next;
    return t.next.status;
  });
}

describe("advance", () => {
  it("reports the first check of a service at once, as a change from nothing", () => {
    const t = advance(input(undefined, "degraded", at(1)));
    expect(t.changed).toBe(true);
    expect(t.previous).toBeUndefined();
    expect(t.confirmedByChecks).toBe(1);
    expect(t.next).toMatchObject({ status: "degraded", since: at(1).toISOString(), pendingStatus: null, pendingChecks: 0 });
    expect(t.write).toBe(true);
  });

  it("changes the status on exactly the Nth consecutive disagreeing check", () => {
    expect(run(["unhealthy", "unhealthy", "unhealthy"], 3)).toEqual(["healthy", "healthy", "unhealthy"]);
  });

  it("counts every disagreeing check and adopts what the last one observed", () => {
    expect(run(["degraded", "unknown", "unhealthy"], 3)).toEqual(["healthy", "healthy", "unhealthy"]);
  });

  it("resets the count when a check agrees with the reported status", () => {
    expect(run(["unhealthy", "unhealthy", "healthy", "unhealthy", "unhealthy"], 3)).toEqual([
      "healthy",
      "healthy",
      "healthy",
      "healthy",
      "healthy",
    ]);
  });

  it("changes at once when consecutiveChecks is 1", () => {
    expect(run(["unhealthy", "healthy"], 1)).toEqual(["unhealthy", "healthy"]);
  });

  it("applies the same rule to recovery", () => {
    expect(run(["healthy", "healthy"], 2, stored({ status: "unhealthy" }))).toEqual(["unhealthy", "healthy"]);
  });

  it("describes the change with the previous status, its start and the confirming checks", () => {
    const first = advance(input(stored(), "unhealthy", at(1), 2));
    const second = advance(input(first.next, "unhealthy", at(2), 2));
    expect(first).toMatchObject({ changed: false, write: true });
    expect(first.next).toMatchObject({ status: "healthy", pendingStatus: "unhealthy", pendingChecks: 1 });
    expect(second).toMatchObject({ changed: true, confirmedByChecks: 2 });
    expect(second.previous).toMatchObject({ status: "healthy", since: T0.toISOString() });
    expect(second.next).toMatchObject({ status: "unhealthy", since: at(2).toISOString(), pendingChecks: 0 });
  });

  it("keeps the status start time while the status holds", () => {
    const t = advance(input(stored(), "healthy", at(5)));
    expect(t.next.since).toBe(T0.toISOString());
    expect(t.next.lastCheckAt).toBe(at(5).toISOString());
  });

  it("writes nothing for an agreeing check while the row is fresh", () => {
    expect(advance(input(stored(), "healthy", at(1))).write).toBe(false);
  });

  it("writes an agreeing check that clears a pending count", () => {
    const t = advance(input(stored({ pendingStatus: "degraded", pendingChecks: 1 }), "healthy", at(1)));
    expect(t.write).toBe(true);
    expect(t.next).toMatchObject({ pendingStatus: null, pendingChecks: 0 });
  });

  it("refreshes the row once less than half of its TTL is left", () => {
    const halfTtlMinutes = TTL / 2 / 60;
    expect(advance(input(stored(), "healthy", at(halfTtlMinutes))).write).toBe(false);
    expect(advance(input(stored(), "healthy", at(halfTtlMinutes + 1))).write).toBe(true);
  });

  it("sets the row to expire a TTL after the check", () => {
    const t = advance(input(stored(), "unhealthy", at(1), 1));
    expect(t.next.expiresAt).toBe(Math.floor(at(1).getTime() / 1000) + TTL);
  });

  it("treats a check no newer than the stored one as superseded", () => {
    const newer = stored({ lastCheckAt: at(5).toISOString() });
    for (const now of [at(5), at(4)]) {
      const t = advance(input(newer, "unhealthy", now, 1));
      expect(t).toMatchObject({ superseded: true, changed: false, write: false });
      expect(t.next).toBe(newer);
    }
  });
});
