import { effectiveWeights, targetGroupsInUse } from "../../../../lambdas/health-monitor/topology/weights";
import {
  fixedRoute,
  forwardRoute,
  listenerId,
  ruleId,
  targetGroupId,
  topologyOf,
} from "../../../helpers/topology-fixtures";

const L1 = listenerId(1);
const L2 = listenerId(2);
const TG_A = targetGroupId(0xa);
const TG_B = targetGroupId(0xb);
const TG_C = targetGroupId(0xc);

describe("Function: effectiveWeights", () => {
  test("divides each weight by the sum of its action's weights", () => {
    // Arrange
    const topology = topologyOf([
      forwardRoute(L1, [
        [TG_A, 90],
        [TG_B, 10],
      ]),
    ]);

    // Act
    const weights = effectiveWeights(topology);

    // Assert
    expect([...weights]).toEqual([
      [TG_A, 0.9],
      [TG_B, 0.1],
    ]);
  });

  test("adds up a target group's normalized weights over listener defaults and rules alike", () => {
    // Arrange: default 1:1 to A and B (weights 3 and 3), a rule all to A, a second listener to C
    const topology = topologyOf([
      forwardRoute(L1, [
        [TG_A, 3],
        [TG_B, 3],
      ]),
      forwardRoute(L1, [[TG_A, 700]], ruleId(1)),
      forwardRoute(L2, [[TG_C, 1]]),
    ]);

    // Act
    const weights = effectiveWeights(topology);

    // Assert
    expect(Object.fromEntries(weights)).toEqual({ [TG_A]: 1.5, [TG_B]: 0.5, [TG_C]: 1 });
  });

  test("gives nothing to the target groups of an action whose weights sum to 0", () => {
    // Arrange
    const topology = topologyOf([
      forwardRoute(L1, [
        [TG_A, 0],
        [TG_B, 0],
      ]),
      forwardRoute(L2, [
        [TG_C, 5],
        [TG_A, 0],
      ]),
    ]);

    // Act
    const weights = effectiveWeights(topology);

    // Assert
    expect(Object.fromEntries(weights)).toEqual({ [TG_A]: 0, [TG_B]: 0, [TG_C]: 1 });
  });

  test("counts a weight that is negative or not a number as 0", () => {
    // Arrange
    const topology = topologyOf([
      forwardRoute(L1, [
        [TG_A, -5],
        [TG_B, Number.NaN],
        [TG_C, 2],
      ]),
    ]);

    // Act
    const weights = effectiveWeights(topology);

    // Assert
    expect(Object.fromEntries(weights)).toEqual({ [TG_A]: 0, [TG_B]: 0, [TG_C]: 1 });
  });

  test("returns nothing for fixed responses", () => {
    // Arrange
    const topology = topologyOf([fixedRoute(L1, 404), fixedRoute(L1, 500, ruleId(1))]);

    // Act
    const weights = effectiveWeights(topology);

    // Assert
    expect(weights.size).toBe(0);
  });
});

describe("Function: targetGroupsInUse", () => {
  test("returns each target group with weight > 0 once, in the order they first appear", () => {
    // Arrange: B first in a rule, A and B in the default, C only with weight 0
    const topology = topologyOf([
      forwardRoute(L1, [[TG_B, 1]], ruleId(1)),
      forwardRoute(L1, [
        [TG_A, 9],
        [TG_B, 1],
        [TG_C, 0],
      ]),
      forwardRoute(L2, [[TG_B, 1]]),
      fixedRoute(L2, 404, ruleId(2)),
    ]);

    // Act
    const inUse = targetGroupsInUse(topology);

    // Assert
    expect(inUse).toEqual([TG_B, TG_A]);
  });

  test("returns nothing for a service without listeners", () => {
    // Act
    const inUse = targetGroupsInUse(topologyOf([]));

    // Assert
    expect(inUse).toEqual([]);
  });
});
