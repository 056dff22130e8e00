import {
  addTargetCounts,
  describeTargetCounts,
  targetStatusKey,
  totalTargets,
} from "../../../../lambdas/health-monitor/topology/target-counts";
import { counts } from "../../../helpers/topology-fixtures";

describe("Function: targetStatusKey", () => {
  test.each(["HEALTHY", "UNHEALTHY", "UNAVAILABLE", "DRAINING", "INITIAL", "UNUSED"])(
    "returns %s as it is",
    (status) => {
      // Act
      const key = targetStatusKey(status);

      // Assert
      expect(key).toBe(status);
    }
  );

  test.each([["QUARANTINED"], ["healthy"], [""], [undefined]])("returns OTHER for %p", (status) => {
    // Act
    const key = targetStatusKey(status);

    // Assert
    expect(key).toBe("OTHER");
  });
});

describe("Function: addTargetCounts", () => {
  test("adds two counts status by status", () => {
    // Act
    const sum = addTargetCounts(counts({ HEALTHY: 2, OTHER: 1 }), counts({ HEALTHY: 3, DRAINING: 4 }));

    // Assert
    expect(sum).toEqual(counts({ HEALTHY: 5, DRAINING: 4, OTHER: 1 }));
  });
});

describe("Function: totalTargets", () => {
  test("counts every status, OTHER included", () => {
    // Act
    const total = totalTargets(counts({ HEALTHY: 1, UNHEALTHY: 2, UNAVAILABLE: 3, UNUSED: 4, OTHER: 5 }));

    // Assert
    expect(total).toBe(15);
  });
});

describe("Function: describeTargetCounts", () => {
  test("lists the statuses that have targets, OTHER last", () => {
    // Act
    const text = describeTargetCounts(counts({ OTHER: 1, UNAVAILABLE: 3, INITIAL: 1 }));

    // Assert
    expect(text).toBe("UNAVAILABLE 3, INITIAL 1, OTHER 1");
  });

  test("says so when there are no targets", () => {
    // Act
    const text = describeTargetCounts(counts());

    // Assert
    expect(text).toBe("no targets");
  });
});
