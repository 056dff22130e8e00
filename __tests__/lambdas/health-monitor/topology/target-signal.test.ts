import { IncompletePagingError } from "../../../../lambdas/health-monitor/topology/errors";
import { targetGroupsInUse, targetSignal } from "../../../../lambdas/health-monitor/topology/target-signal";
import type { TargetCounts } from "../../../../lambdas/health-monitor/topology/types";
import {
  counts,
  fixedRoute,
  forwardRoute,
  listenerId,
  ruleId,
  targetGroupId,
  topologyOf,
} from "../../../helpers/topology-fixtures";

const L1 = listenerId(1);
const L2 = listenerId(2);
const STABLE = targetGroupId(0xa);
const CANARY = targetGroupId(0xc);
const OTHER_TG = targetGroupId(0xd);

/** One listener forwarding everything to STABLE. */
const single = topologyOf([forwardRoute(L1, [[STABLE, 1]])]);

/** One listener forwarding 90/10 to STABLE and CANARY. */
const canary = topologyOf([
  forwardRoute(L1, [
    [STABLE, 90],
    [CANARY, 10],
  ]),
]);

function read(entries: Record<string, TargetCounts | Error>): Map<string, TargetCounts | Error> {
  return new Map(Object.entries(entries));
}

describe("Function: targetSignal", () => {
  test("returns share 1, not breached, when every target is healthy", () => {
    // Act
    const signal = targetSignal(single, read({ [STABLE]: counts({ HEALTHY: 3 }) }), 0.95);

    // Assert
    expect(signal).toEqual({
      healthyShare: 1,
      counts: counts({ HEALTHY: 3 }),
      targetGroupsInUse: 1,
      breached: false,
      reasons: [
        "healthyTargetShare 1 >= minHealthyTargetShare 0.95 (HEALTHY 3 of 3 health-checked targets in 1 target group)",
      ],
      gaps: [],
    });
  });

  test("returns share 0, breached, when every target is unhealthy", () => {
    // Act
    const signal = targetSignal(single, read({ [STABLE]: counts({ UNHEALTHY: 4 }) }), 0.5);

    // Assert
    expect(signal.healthyShare).toBe(0);
    expect(signal.breached).toBe(true);
    expect(signal.reasons).toEqual([
      "healthyTargetShare 0 < minHealthyTargetShare 0.5 (HEALTHY 0 of 4 health-checked targets in 1 target group)",
    ]);
  });

  test("weights an all-unhealthy 10% canary: share 0.9 breaches a threshold of 0.95", () => {
    // Arrange
    const targets = read({ [STABLE]: counts({ HEALTHY: 9 }), [CANARY]: counts({ UNHEALTHY: 1 }) });

    // Act
    const signal = targetSignal(canary, targets, 0.95);

    // Assert
    expect(signal.healthyShare).toBe(0.9);
    expect(signal.breached).toBe(true);
    expect(signal.targetGroupsInUse).toBe(2);
    expect(signal.reasons).toEqual([
      "healthyTargetShare 0.9 < minHealthyTargetShare 0.95 " +
        "(HEALTHY 9 of 10 health-checked targets in 2 target groups, weighted by traffic)",
      `target group ${STABLE}: healthy share 1 >= minHealthyTargetShare 0.95 ` +
        "(HEALTHY 9 of 9 health-checked targets), effective weight 0.9",
      `target group ${CANARY}: healthy share 0 < minHealthyTargetShare 0.95 ` +
        "(HEALTHY 0 of 1 health-checked targets), effective weight 0.1",
    ]);
  });

  test("does not breach when the share is exactly the threshold", () => {
    // Arrange
    const targets = read({ [STABLE]: counts({ HEALTHY: 9 }), [CANARY]: counts({ UNHEALTHY: 1 }) });

    // Act
    const signal = targetSignal(canary, targets, 0.9);

    // Assert
    expect(signal.healthyShare).toBe(0.9);
    expect(signal.breached).toBe(false);
    expect(signal.reasons[0]).toMatch(/^healthyTargetShare 0\.9 >= minHealthyTargetShare 0\.9 /);
  });

  test("weights by traffic, not by target count", () => {
    // Arrange: the canary has 1 of 10 targets healthy but gets only 10% of traffic
    const targets = read({
      [STABLE]: counts({ HEALTHY: 2 }),
      [CANARY]: counts({ HEALTHY: 1, UNHEALTHY: 9 }),
    });

    // Act
    const signal = targetSignal(canary, targets, 0.95);

    // Assert: 0.9 × 1 + 0.1 × 0.1
    expect(signal.healthyShare).toBeCloseTo(0.91, 12);
    expect(signal.breached).toBe(true);
  });

  test("counts listener defaults and rules alike", () => {
    // Arrange: default all to STABLE, a rule all to CANARY: each carries half
    const topology = topologyOf([forwardRoute(L1, [[STABLE, 5]]), forwardRoute(L1, [[CANARY, 1]], ruleId(1))]);
    const targets = read({ [STABLE]: counts({ HEALTHY: 1 }), [CANARY]: counts({ UNHEALTHY: 1 }) });

    // Act
    const signal = targetSignal(topology, targets, 0.6);

    // Assert
    expect(signal.healthyShare).toBe(0.5);
    expect(signal.breached).toBe(true);
  });

  test("leaves DRAINING, INITIAL, UNAVAILABLE, UNUSED and OTHER targets out of a group's share", () => {
    // Arrange
    const targets = read({
      [STABLE]: counts({ HEALTHY: 3, UNHEALTHY: 1, DRAINING: 5, INITIAL: 2, UNAVAILABLE: 1, UNUSED: 1, OTHER: 1 }),
    });

    // Act
    const signal = targetSignal(single, targets, 0.8);

    // Assert
    expect(signal.healthyShare).toBe(0.75);
    expect(signal.counts).toEqual(targets.get(STABLE));
  });

  test("counts an in-use target group without registered targets as share 0, with a reason line", () => {
    // Arrange
    const targets = read({ [STABLE]: counts({ HEALTHY: 9 }), [CANARY]: counts() });

    // Act
    const signal = targetSignal(canary, targets, 0.95);

    // Assert
    expect(signal.healthyShare).toBe(0.9);
    expect(signal.breached).toBe(true);
    expect(signal.gaps).toEqual([]);
    expect(signal.reasons).toContain(
      `target group ${CANARY}: healthy share 0 < minHealthyTargetShare 0.95 ` +
        "(no registered targets, yet it receives traffic), effective weight 0.1"
    );
  });

  test("returns share 0 and breached when the only target group in use has no targets", () => {
    // Act
    const signal = targetSignal(single, read({ [STABLE]: counts() }), 0.5);

    // Assert
    expect(signal.healthyShare).toBe(0);
    expect(signal.breached).toBe(true);
    expect(signal.reasons).toHaveLength(2);
  });

  test("returns share null with a gap when every target is UNAVAILABLE (health checks off)", () => {
    // Act
    const signal = targetSignal(single, read({ [STABLE]: counts({ UNAVAILABLE: 3 }) }), 0.95);

    // Assert
    expect(signal.healthyShare).toBeNull();
    expect(signal.breached).toBe(false);
    expect(signal.counts).toEqual(counts({ UNAVAILABLE: 3 }));
    expect(signal.gaps).toEqual([
      `target group ${STABLE}: no target is HEALTHY or UNHEALTHY (UNAVAILABLE 3); left out of the share`,
    ]);
    expect(signal.reasons).toEqual([
      "healthyTargetShare unknown; minHealthyTargetShare 0.95 not evaluated",
      ...signal.gaps,
    ]);
  });

  test("leaves out a group with only INITIAL and DRAINING targets and judges the others", () => {
    // Arrange
    const targets = read({ [STABLE]: counts({ HEALTHY: 2 }), [CANARY]: counts({ INITIAL: 2, DRAINING: 1 }) });

    // Act
    const signal = targetSignal(canary, targets, 0.95);

    // Assert
    expect(signal.healthyShare).toBe(1);
    expect(signal.breached).toBe(false);
    expect(signal.gaps).toEqual([
      `target group ${CANARY}: no target is HEALTHY or UNHEALTHY (DRAINING 1, INITIAL 2); left out of the share`,
    ]);
    expect(signal.reasons).toContain(signal.gaps[0]);
  });

  test("leaves out a target group whose read failed, with a gap naming it and the error", () => {
    // Arrange
    const error = Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });
    const targets = read({ [STABLE]: counts({ HEALTHY: 9 }), [CANARY]: error });

    // Act
    const signal = targetSignal(canary, targets, 0.95);

    // Assert
    expect(signal.healthyShare).toBe(1);
    expect(signal.counts).toEqual(counts({ HEALTHY: 9 }));
    expect(signal.gaps).toEqual([
      `target group ${CANARY}: its targets could not be read (ThrottlingException: Rate exceeded); left out of the share`,
    ]);
  });

  test("names an incomplete target listing in its gap", () => {
    // Arrange
    const error = new IncompletePagingError(
      "ListTargets",
      `target group ${STABLE}`,
      { complete: false, pages: 20, reason: "the limit of 20 pages was reached with a NextToken pending" },
      2000,
      "targets"
    );

    // Act
    const signal = targetSignal(single, read({ [STABLE]: error }), 0.95);

    // Assert
    expect(signal.healthyShare).toBeNull();
    expect(signal.gaps[0]).toMatch(
      new RegExp(`^target group ${STABLE}: its targets could not be read \\(IncompletePagingError: ListTargets for`)
    );
  });

  test("leaves out a target group missing from the map, with a gap", () => {
    // Act
    const signal = targetSignal(canary, read({ [STABLE]: counts({ HEALTHY: 1 }) }), 0.95);

    // Assert
    expect(signal.healthyShare).toBe(1);
    expect(signal.gaps).toEqual([`target group ${CANARY}: its targets were not read; left out of the share`]);
  });

  test("returns share null with a gap for a service without listeners", () => {
    // Act
    const signal = targetSignal(topologyOf([]), read({}), 0.95);

    // Assert
    expect(signal).toMatchObject({ healthyShare: null, breached: false, targetGroupsInUse: 0 });
    expect(signal.gaps).toEqual(["no listeners: the service routes no traffic to a target group"]);
  });

  test("returns share null with a gap when every action is a fixed response", () => {
    // Arrange
    const topology = topologyOf([fixedRoute(L1, 404), fixedRoute(L2, 500), fixedRoute(L2, 404, ruleId(1))]);

    // Act
    const signal = targetSignal(topology, read({}), 0.95);

    // Assert
    expect(signal.healthyShare).toBeNull();
    expect(signal.gaps).toEqual(["no target group receives traffic (fixed response 404, 500: 3 actions)"]);
  });

  test("returns share null with a gap when every forward action has weight 0", () => {
    // Arrange
    const topology = topologyOf([forwardRoute(L1, [[STABLE, 0]]), fixedRoute(L1, 404, ruleId(1))]);

    // Act
    const signal = targetSignal(topology, read({ [STABLE]: counts({ UNHEALTHY: 5 }) }), 0.95);

    // Assert
    expect(signal).toMatchObject({ healthyShare: null, targetGroupsInUse: 0, counts: counts() });
    expect(signal.gaps).toEqual([
      "no target group receives traffic (fixed response 404: 1 action; no target group with weight > 0: 1 action)",
    ]);
  });

  test("returns share null with a gap when listeners exist but none of their actions could be read", () => {
    // Arrange
    const topology = { ...topologyOf([]), listenerCount: 2 };

    // Act
    const signal = targetSignal(topology, read({}), 0.95);

    // Assert
    expect(signal.gaps).toEqual(["no target group receives traffic: no action could be read from 2 listeners"]);
  });

  test("never breaches with a threshold of 0, and says the check is off", () => {
    // Act
    const signal = targetSignal(single, read({ [STABLE]: counts({ UNHEALTHY: 4 }) }), 0);

    // Assert
    expect(signal.healthyShare).toBe(0);
    expect(signal.breached).toBe(false);
    expect(signal.reasons).toEqual([
      "healthyTargetShare 0 (HEALTHY 0 of 4 health-checked targets in 1 target group); " +
        "minHealthyTargetShare 0 turns the check off",
    ]);
  });

  test("sums the counts of the target groups in use only", () => {
    // Arrange: OTHER_TG is listed with weight 0
    const topology = topologyOf([
      forwardRoute(L1, [
        [STABLE, 1],
        [OTHER_TG, 0],
      ]),
      forwardRoute(L2, [[CANARY, 1]]),
    ]);
    const targets = read({
      [STABLE]: counts({ HEALTHY: 2, DRAINING: 1 }),
      [CANARY]: counts({ HEALTHY: 1, UNHEALTHY: 1, OTHER: 1 }),
      [OTHER_TG]: counts({ UNHEALTHY: 50 }),
    });

    // Act
    const signal = targetSignal(topology, targets, 0.95);

    // Assert
    expect(signal.targetGroupsInUse).toBe(2);
    expect(signal.counts).toEqual(counts({ HEALTHY: 3, UNHEALTHY: 1, DRAINING: 1, OTHER: 1 }));
    expect(signal.healthyShare).toBe(0.75);
  });

  test("keeps the full value and shows at most 6 significant digits in text", () => {
    // Arrange: 2 of 3 healthy
    const targets = read({ [STABLE]: counts({ HEALTHY: 2, UNHEALTHY: 1 }) });

    // Act
    const signal = targetSignal(single, targets, 2 / 3 + 1e-9);

    // Assert
    expect(signal.healthyShare).toBe(2 / 3);
    expect(signal.breached).toBe(true);
    expect(signal.reasons[0]).toMatch(/^healthyTargetShare 0\.666667 < minHealthyTargetShare 0\.666667 /);
  });

  test.each([-0.1, 1.5, Number.NaN])("throws a RangeError for a threshold of %p", (threshold) => {
    // Act
    const judge = () => targetSignal(single, read({}), threshold);

    // Assert
    expect(judge).toThrow(RangeError);
  });
});

describe("Function: targetGroupsInUse (re-exported next to the signal)", () => {
  test("returns the target groups the signal reads", () => {
    // Act
    const inUse = targetGroupsInUse(canary);

    // Assert
    expect(inUse).toEqual([STABLE, CANARY]);
  });
});
