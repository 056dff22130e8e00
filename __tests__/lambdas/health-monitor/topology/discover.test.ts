import {
  AccessDeniedException,
  GetListenerCommand,
  GetRuleCommand,
  ListListenersCommand,
  ListRulesCommand,
  VPCLatticeClient,
} from "@aws-sdk/client-vpc-lattice";
import type { GetRuleRequest } from "@aws-sdk/client-vpc-lattice";
import { mockClient } from "aws-sdk-client-mock";

import { discoverTopology } from "../../../../lambdas/health-monitor/topology/discover";
import { IncompletePagingError } from "../../../../lambdas/health-monitor/topology/errors";
import {
  fakeRouting,
  fixedResponse,
  forward,
  listenerId,
  listenerResponse,
  listenerSummary,
  ruleId,
  ruleSummary,
  serviceId,
  targetGroupArn,
  targetGroupId,
} from "../../../helpers/topology-fixtures";
import type { FakeListener } from "../../../helpers/topology-fixtures";

const latticeMock = mockClient(VPCLatticeClient);
const client = new VPCLatticeClient({ region: "eu-west-1" });

const SERVICE = serviceId(1);
const NOW = Date.parse("2025-06-01T12:00:00Z");
const TG_BLUE = targetGroupId(0xb1);
const TG_GREEN = targetGroupId(0xb2);

/** Answers the four topology calls from `listeners`, `pageSize` items per page. */
function serve(listeners: readonly FakeListener[], pageSize = 100) {
  const fake = fakeRouting(SERVICE, listeners, pageSize);
  latticeMock.on(ListListenersCommand).callsFake(fake.listListeners);
  latticeMock.on(GetListenerCommand).callsFake(fake.getListener);
  latticeMock.on(ListRulesCommand).callsFake(fake.listRules);
  latticeMock.on(GetRuleCommand).callsFake(fake.getRule);
  return fake;
}

/** A fake whose `nextToken` comes from `tokenOf(call)`; each call returns one new item. */
function endless<T>(item: (call: number) => T, tokenOf: (call: number) => string | undefined) {
  let calls = 0;
  const fake = () => {
    calls++;
    return { items: [item(calls)], nextToken: tokenOf(calls) };
  };
  return { fake, calls: () => calls };
}

beforeEach(() => {
  latticeMock.reset();
});

describe("Function: discoverTopology", () => {
  test("returns each listener's default action and the action of each non-default rule", async () => {
    // Arrange: HTTPS listener to blue, with a /v2 rule that sends a 10% canary to green; HTTP listener returns 404
    serve([
      {
        id: listenerId(1),
        defaultAction: forward([TG_BLUE, 100]),
        rules: [{ id: ruleId(1), priority: 10, action: forward([TG_BLUE, 90], [TG_GREEN, 10]) }],
      },
      { id: listenerId(2), defaultAction: fixedResponse(404) },
    ]);

    // Act
    const topology = await discoverTopology(client, SERVICE, NOW);

    // Assert
    expect(topology).toEqual({
      serviceId: SERVICE,
      listenerCount: 2,
      discoveredAt: NOW,
      actions: [
        { listenerId: listenerId(1), targetGroups: [{ targetGroupId: TG_BLUE, weight: 100 }] },
        {
          listenerId: listenerId(1),
          ruleId: ruleId(1),
          targetGroups: [
            { targetGroupId: TG_BLUE, weight: 90 },
            { targetGroupId: TG_GREEN, weight: 10 },
          ],
        },
        { listenerId: listenerId(2), targetGroups: [], fixedResponseStatus: 404 },
      ],
      ignored: [],
    });
  });

  test("sends the service, listener and rule identifiers with pages of 100", async () => {
    // Arrange
    serve([
      {
        id: listenerId(1),
        defaultAction: forward([TG_BLUE]),
        rules: [{ id: ruleId(1), priority: 1, action: forward([TG_GREEN]) }],
      },
    ]);

    // Act
    await discoverTopology(client, SERVICE, NOW);

    // Assert
    expect(latticeMock).toHaveReceivedCommandWith(ListListenersCommand, {
      serviceIdentifier: SERVICE,
      maxResults: 100,
    });
    expect(latticeMock).toHaveReceivedCommandWith(GetListenerCommand, {
      serviceIdentifier: SERVICE,
      listenerIdentifier: listenerId(1),
    });
    expect(latticeMock).toHaveReceivedCommandWith(ListRulesCommand, {
      serviceIdentifier: SERVICE,
      listenerIdentifier: listenerId(1),
      maxResults: 100,
    });
    expect(latticeMock).toHaveReceivedCommandWith(GetRuleCommand, {
      serviceIdentifier: SERVICE,
      listenerIdentifier: listenerId(1),
      ruleIdentifier: ruleId(1),
    });
  });

  test("reads every page of listeners, passing each nextToken", async () => {
    // Arrange: 5 listeners, 2 per page
    const listeners = [1, 2, 3, 4, 5].map((n) => ({ id: listenerId(n), defaultAction: forward([TG_BLUE]) }));
    serve(listeners, 2);

    // Act
    const topology = await discoverTopology(client, SERVICE, NOW);

    // Assert
    expect(topology.listenerCount).toBe(5);
    expect(topology.actions.map((a) => a.listenerId)).toEqual(listeners.map((l) => l.id));
    expect(latticeMock).toHaveReceivedCommandTimes(ListListenersCommand, 3);
    const tokens = latticeMock.commandCalls(ListListenersCommand).map((c) => c.args[0].input.nextToken);
    expect(tokens[0]).toBeUndefined();
    expect(tokens.slice(1)).toEqual([expect.any(String), expect.any(String)]);
    expect(new Set(tokens).size).toBe(3);
  });

  test("reads every page of rules and calls GetRule for each non-default rule only", async () => {
    // Arrange: the default rule plus 4 rules, 2 per page
    const rules = [1, 2, 3, 4].map((n) => ({ id: ruleId(n), priority: n * 10, action: forward([TG_GREEN]) }));
    serve([{ id: listenerId(1), defaultAction: forward([TG_BLUE]), rules }], 2);

    // Act
    const topology = await discoverTopology(client, SERVICE, NOW);

    // Assert
    expect(topology.actions.map((a) => a.ruleId)).toEqual([undefined, ...rules.map((r) => r.id)]);
    expect(latticeMock).toHaveReceivedCommandTimes(ListRulesCommand, 3);
    expect(latticeMock).toHaveReceivedCommandTimes(GetRuleCommand, 4);
    const asked = latticeMock.commandCalls(GetRuleCommand).map((c) => c.args[0].input.ruleIdentifier);
    expect(asked).not.toContain(ruleId(0xdef));
  });

  test("returns a fixed-response listener with its status code and no target groups", async () => {
    // Arrange
    serve([{ id: listenerId(1), defaultAction: fixedResponse(500) }]);

    // Act
    const topology = await discoverTopology(client, SERVICE, NOW);

    // Assert
    expect(topology.actions).toEqual([{ listenerId: listenerId(1), targetGroups: [], fixedResponseStatus: 500 }]);
  });

  test("normalizes a target group ARN to its id and keeps an id as it is", async () => {
    // Arrange
    serve([{ id: listenerId(1), defaultAction: forward([targetGroupArn(TG_BLUE), 50], [TG_GREEN, 50]) }]);

    // Act
    const topology = await discoverTopology(client, SERVICE, NOW);

    // Assert
    expect(topology.actions[0].targetGroups).toEqual([
      { targetGroupId: TG_BLUE, weight: 50 },
      { targetGroupId: TG_GREEN, weight: 50 },
    ]);
  });

  test("uses the API default weight 1 for a forward entry without a weight", async () => {
    // Arrange
    serve([{ id: listenerId(1), defaultAction: forward([TG_BLUE], [TG_GREEN, 3]) }]);

    // Act
    const topology = await discoverTopology(client, SERVICE, NOW);

    // Assert
    expect(topology.actions[0].targetGroups).toEqual([
      { targetGroupId: TG_BLUE, weight: 1 },
      { targetGroupId: TG_GREEN, weight: 3 },
    ]);
  });

  test("leaves out and reports a forward entry without a target group identifier", async () => {
    // Arrange
    const action = {
      forward: { targetGroups: [{ targetGroupIdentifier: undefined, weight: 5 }, { targetGroupIdentifier: TG_BLUE }] },
    };
    serve([{ id: listenerId(1), defaultAction: action }]);

    // Act
    const topology = await discoverTopology(client, SERVICE, NOW);

    // Assert
    expect(topology.actions[0].targetGroups).toEqual([{ targetGroupId: TG_BLUE, weight: 1 }]);
    expect(topology.ignored).toEqual([
      `default action of listener ${listenerId(1)}: forward entry 0 has no targetGroupIdentifier; left out`,
    ]);
  });

  test("leaves out and reports an action of a type this SDK does not know", async () => {
    // Arrange
    serve([
      {
        id: listenerId(1),
        defaultAction: forward([TG_BLUE]),
        rules: [{ id: ruleId(1), priority: 1, action: { $unknown: ["redirect", { url: "https://example.com" }] } }],
      },
    ]);

    // Act
    const topology = await discoverTopology(client, SERVICE, NOW);

    // Assert
    expect(topology.actions).toHaveLength(1);
    expect(topology.ignored).toEqual([
      `rule ${ruleId(1)} of listener ${listenerId(1)}: has an unknown action type "redirect"; left out`,
    ]);
  });

  test("reports a listener whose GetListener has no default action, and still reads its rules", async () => {
    // Arrange
    latticeMock.on(ListListenersCommand).resolves({ items: [listenerSummary(SERVICE, listenerId(1))] });
    latticeMock
      .on(GetListenerCommand)
      .resolves({ ...listenerResponse(SERVICE, listenerId(1), forward()), defaultAction: undefined });
    latticeMock.on(ListRulesCommand).resolves({ items: [ruleSummary(SERVICE, listenerId(1), ruleId(1), 5)] });
    latticeMock.on(GetRuleCommand).resolves({ action: forward([TG_GREEN]) });

    // Act
    const topology = await discoverTopology(client, SERVICE, NOW);

    // Assert
    expect(topology.listenerCount).toBe(1);
    expect(topology.actions).toEqual([
      { listenerId: listenerId(1), ruleId: ruleId(1), targetGroups: [{ targetGroupId: TG_GREEN, weight: 1 }] },
    ]);
    expect(topology.ignored).toEqual([`default action of listener ${listenerId(1)}: has no action; left out`]);
  });

  test("leaves out and reports listeners and rules without an id, and reads a repeated listener once", async () => {
    // Arrange
    const withoutId = { ...listenerSummary(SERVICE, listenerId(9)), id: undefined };
    latticeMock.on(ListListenersCommand).resolves({
      items: [listenerSummary(SERVICE, listenerId(1)), withoutId, listenerSummary(SERVICE, listenerId(1))],
    });
    latticeMock.on(GetListenerCommand).resolves(listenerResponse(SERVICE, listenerId(1), forward([TG_BLUE])));
    latticeMock.on(ListRulesCommand).resolves({
      items: [
        ruleSummary(SERVICE, listenerId(1), ruleId(0xdef)),
        { ...ruleSummary(SERVICE, listenerId(1), ruleId(2), 7), id: undefined },
      ],
    });

    // Act
    const topology = await discoverTopology(client, SERVICE, NOW);

    // Assert
    expect(topology.listenerCount).toBe(1);
    expect(latticeMock).toHaveReceivedCommandTimes(GetListenerCommand, 1);
    expect(latticeMock).toHaveReceivedCommandTimes(GetRuleCommand, 0);
    expect(topology.ignored).toEqual([
      "ListListeners returned a listener without an id (name https-443); left out",
      `ListListeners returned listener ${listenerId(1)} twice; read once`,
      `ListRules returned a rule without an id (name rule-priority-7) for listener ${listenerId(1)}; left out`,
    ]);
  });

  test("leaves out a listener deleted before GetListener and reads the others", async () => {
    // Arrange: ListListeners still lists listener 2, which no longer exists
    const fake = serve([{ id: listenerId(1), defaultAction: forward([TG_BLUE]) }]);
    latticeMock.on(ListListenersCommand).resolves({
      items: [listenerSummary(SERVICE, listenerId(1)), listenerSummary(SERVICE, listenerId(2))],
    });
    latticeMock.on(GetListenerCommand).callsFake(fake.getListener);

    // Act
    const topology = await discoverTopology(client, SERVICE, NOW);

    // Assert
    expect(topology.listenerCount).toBe(1);
    expect(topology.actions.map((a) => a.listenerId)).toEqual([listenerId(1)]);
    expect(topology.ignored).toEqual([
      `listener ${listenerId(2)} was deleted while it was read ` +
        `(GetListener: ResourceNotFoundException: Listener ${listenerId(2)} not found); left out`,
    ]);
  });

  test("leaves out a listener deleted during ListRules, its default action included", async () => {
    // Arrange
    const fake = serve([{ id: listenerId(1), defaultAction: forward([TG_BLUE]) }]);
    latticeMock
      .on(ListRulesCommand)
      .callsFake(() => fake.listRules({ serviceIdentifier: SERVICE, listenerIdentifier: listenerId(404) }));

    // Act
    const topology = await discoverTopology(client, SERVICE, NOW);

    // Assert
    expect(topology).toMatchObject({ listenerCount: 0, actions: [] });
    expect(topology.ignored).toEqual([
      expect.stringContaining(`listener ${listenerId(1)} was deleted while it was read (ListRules:`),
    ]);
  });

  test("leaves out a rule deleted before GetRule and keeps the listener", async () => {
    // Arrange
    const fake = serve([
      {
        id: listenerId(1),
        defaultAction: forward([TG_BLUE]),
        rules: [
          { id: ruleId(1), priority: 1, action: forward([TG_GREEN]) },
          { id: ruleId(2), priority: 2, action: forward([TG_GREEN]) },
        ],
      },
    ]);
    latticeMock
      .on(GetRuleCommand)
      .callsFake((input: GetRuleRequest) =>
        fake.getRule(input.ruleIdentifier === ruleId(1) ? { ...input, ruleIdentifier: ruleId(404) } : input)
      );

    // Act
    const topology = await discoverTopology(client, SERVICE, NOW);

    // Assert
    expect(topology.listenerCount).toBe(1);
    expect(topology.actions.map((a) => a.ruleId)).toEqual([undefined, ruleId(2)]);
    expect(topology.ignored).toEqual([
      expect.stringContaining(`rule ${ruleId(1)} of listener ${listenerId(1)} was deleted`),
    ]);
  });

  test("returns no listeners and no actions for a service without listeners", async () => {
    // Arrange
    latticeMock.on(ListListenersCommand).resolves({ items: [] });

    // Act
    const topology = await discoverTopology(client, SERVICE, NOW);

    // Assert
    expect(topology).toEqual({ serviceId: SERVICE, listenerCount: 0, actions: [], discoveredAt: NOW, ignored: [] });
    expect(latticeMock).toHaveReceivedCommandTimes(GetListenerCommand, 0);
  });

  test("throws naming the service and ListListeners when a nextToken seen before comes back", async () => {
    // Arrange: tokens a, b, a, ... never end on their own
    const chain = endless(
      (n) => listenerSummary(SERVICE, listenerId(n)),
      (n) => (n % 2 === 1 ? "token-a" : "token-b")
    );
    latticeMock.on(ListListenersCommand).callsFake(chain.fake);

    // Act
    const call = discoverTopology(client, SERVICE, NOW);

    // Assert
    await expect(call).rejects.toThrow(
      new IncompletePagingError(
        "ListListeners",
        `service ${SERVICE}`,
        { complete: false, pages: 3, reason: "a NextToken seen before came back after 3 pages" },
        3,
        "listeners"
      )
    );
    await expect(call).rejects.toMatchObject({
      name: "IncompletePagingError",
      message: `ListListeners for service ${SERVICE} stopped early (a NextToken seen before came back after 3 pages); 3 listeners were read in 3 pages, the rest is unknown`,
    });
    expect(chain.calls()).toBe(3);
    expect(latticeMock).toHaveReceivedCommandTimes(GetListenerCommand, 0);
  });

  test("throws naming the listener, the service and ListRules when the page limit is reached", async () => {
    // Arrange: a fresh token on every page
    serve([{ id: listenerId(1), defaultAction: forward([TG_BLUE]) }]);
    const chain = endless(
      (n) => ruleSummary(SERVICE, listenerId(1), ruleId(n), n),
      (n) => `token-${n}`
    );
    latticeMock.on(ListRulesCommand).callsFake(chain.fake);

    // Act
    const call = discoverTopology(client, SERVICE, NOW, 4);

    // Assert
    await expect(call).rejects.toMatchObject({
      name: "IncompletePagingError",
      operation: "ListRules",
      message:
        `ListRules for listener ${listenerId(1)} of service ${SERVICE} stopped early ` +
        "(the limit of 4 pages was reached with a NextToken pending); 4 rules were read in 4 pages, the rest is unknown",
    });
    expect(chain.calls()).toBe(4);
    expect(latticeMock).toHaveReceivedCommandTimes(GetRuleCommand, 0);
  });

  test("stops listing after 20 pages by default", async () => {
    // Arrange
    const chain = endless(
      (n) => listenerSummary(SERVICE, listenerId(n)),
      (n) => `token-${n}`
    );
    latticeMock.on(ListListenersCommand).callsFake(chain.fake);

    // Act
    const call = discoverTopology(client, SERVICE, NOW);

    // Assert
    await expect(call).rejects.toBeInstanceOf(IncompletePagingError);
    expect(chain.calls()).toBe(20);
  });

  test("rethrows an SDK error other than ResourceNotFoundException", async () => {
    // Arrange
    serve([{ id: listenerId(1), defaultAction: forward([TG_BLUE]) }]);
    latticeMock
      .on(GetListenerCommand)
      .rejects(new AccessDeniedException({ message: "not authorized: vpc-lattice:GetListener", $metadata: {} }));

    // Act
    const call = discoverTopology(client, SERVICE, NOW);

    // Assert
    await expect(call).rejects.toMatchObject({ name: "AccessDeniedException" });
  });

  test("rethrows a ResourceNotFoundException from ListListeners: the service itself is gone", async () => {
    // Arrange
    const fake = fakeRouting(serviceId(2), []);
    latticeMock.on(ListListenersCommand).callsFake(fake.listListeners);

    // Act
    const call = discoverTopology(client, SERVICE, NOW);

    // Assert
    await expect(call).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  test("rethrows a throttling error that the SDK's retries did not absorb", async () => {
    // Arrange: the mock replaces send, so this is the error after the SDK's last attempt
    serve([{ id: listenerId(1), defaultAction: forward([TG_BLUE]) }]);
    latticeMock
      .on(ListRulesCommand)
      .rejects(Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" }));

    // Act
    const call = discoverTopology(client, SERVICE, NOW);

    // Assert
    await expect(call).rejects.toMatchObject({ name: "ThrottlingException" });
  });

  test("makes its calls one at a time", async () => {
    // Arrange: every answer takes a few milliseconds; count the calls in flight
    const fake = fakeRouting(SERVICE, [
      {
        id: listenerId(1),
        defaultAction: forward([TG_BLUE]),
        rules: [{ id: ruleId(1), priority: 1, action: forward([TG_GREEN]) }],
      },
      {
        id: listenerId(2),
        defaultAction: forward([TG_BLUE]),
        rules: [{ id: ruleId(2), priority: 1, action: forward([TG_GREEN]) }],
      },
    ]);
    let inFlight = 0;
    let most = 0;
    const slow =
      <I, O>(answer: (input: I) => O) =>
      async (input: I): Promise<O> => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight--;
        return answer(input);
      };
    latticeMock.on(ListListenersCommand).callsFake(slow(fake.listListeners));
    latticeMock.on(GetListenerCommand).callsFake(slow(fake.getListener));
    latticeMock.on(ListRulesCommand).callsFake(slow(fake.listRules));
    latticeMock.on(GetRuleCommand).callsFake(slow(fake.getRule));

    // Act
    const topology = await discoverTopology(client, SERVICE, NOW);

    // Assert: 1 ListListeners + 2 × (GetListener + ListRules + GetRule)
    expect(topology.actions).toHaveLength(4);
    expect(latticeMock.calls()).toHaveLength(7);
    expect(most).toBe(1);
  });
});
