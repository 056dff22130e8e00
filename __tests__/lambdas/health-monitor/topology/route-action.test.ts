import { toRouteAction } from "../../../../lambdas/health-monitor/topology/route-action";
import { fixedResponse, forward, listenerId, ruleId, targetGroupId } from "../../../helpers/topology-fixtures";

const L1 = listenerId(1);
const R1 = ruleId(1);
const TG = targetGroupId(0xb1);

describe("Function: toRouteAction", () => {
  test("returns a listener's forward action without a rule id", () => {
    // Act
    const reading = toRouteAction(forward([TG, 7]), { listenerId: L1 });

    // Assert
    expect(reading).toEqual({
      action: { listenerId: L1, targetGroups: [{ targetGroupId: TG, weight: 7 }] },
      ignored: [],
    });
    expect(reading.action).not.toHaveProperty("ruleId");
  });

  test("returns a rule's fixed response with its rule id and status code", () => {
    // Act
    const reading = toRouteAction(fixedResponse(404), { listenerId: L1, ruleId: R1 });

    // Assert
    expect(reading).toEqual({
      action: { listenerId: L1, ruleId: R1, targetGroups: [], fixedResponseStatus: 404 },
      ignored: [],
    });
  });

  test("returns a fixed response without a status code as an action with no target groups", () => {
    // Act
    const reading = toRouteAction({ fixedResponse: { statusCode: undefined } }, { listenerId: L1 });

    // Assert
    expect(reading).toEqual({ action: { listenerId: L1, targetGroups: [] }, ignored: [] });
  });

  test("leaves out and reports a forward entry whose weight is negative", () => {
    // Act
    const reading = toRouteAction(forward([TG, -1], [targetGroupId(0xb2), 1]), { listenerId: L1, ruleId: R1 });

    // Assert
    expect(reading.action?.targetGroups).toEqual([{ targetGroupId: targetGroupId(0xb2), weight: 1 }]);
    expect(reading.ignored).toEqual([
      `rule ${R1} of listener ${L1}: forward entry ${TG} has weight -1, not a number >= 0; left out`,
    ]);
  });

  test("keeps a weight of 0 (the group is listed but receives nothing)", () => {
    // Act
    const reading = toRouteAction(forward([TG, 0]), { listenerId: L1 });

    // Assert
    expect(reading.action?.targetGroups).toEqual([{ targetGroupId: TG, weight: 0 }]);
    expect(reading.ignored).toEqual([]);
  });

  test("reports a forward action that lists no target groups", () => {
    // Act
    const reading = toRouteAction({ forward: { targetGroups: undefined } }, { listenerId: L1 });

    // Assert
    expect(reading.action).toEqual({ listenerId: L1, targetGroups: [] });
    expect(reading.ignored).toEqual([
      `default action of listener ${L1}: forward action lists no target groups; it sends traffic nowhere`,
    ]);
  });

  test("returns no action, and says so, for a missing action", () => {
    // Act
    const reading = toRouteAction(undefined, { listenerId: L1, ruleId: R1 });

    // Assert
    expect(reading).toEqual({ ignored: [`rule ${R1} of listener ${L1}: has no action; left out`] });
  });
});
