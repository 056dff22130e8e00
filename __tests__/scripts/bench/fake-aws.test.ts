import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import type { MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { BatchGetItemCommand, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { PutEventsCommand } from "@aws-sdk/client-eventbridge";
import {
  GetListenerCommand,
  GetRuleCommand,
  GetServiceCommand,
  ListListenersCommand,
  ListRulesCommand,
  ListServiceNetworkServiceAssociationsCommand,
  ListTargetsCommand,
} from "@aws-sdk/client-vpc-lattice";

import { createFakeAws } from "../../../scripts/bench/fake-aws";
import type { FakeAws } from "../../../scripts/bench/fake-aws";

const START = new Date("2025-03-01T12:00:00Z");
const END = new Date("2025-03-01T12:05:00Z");

let fake: FakeAws;

afterEach(() => fake?.restore());

function fleetOf(services: number): FakeAws {
  fake = createFakeAws({ services, latencyMs: 0 });
  return fake;
}

function stat(id: string, serviceId: string, metricName: string, stat: string, period = 60, returnData = true): MetricDataQuery {
  return {
    Id: id,
    ReturnData: returnData,
    MetricStat: {
      Metric: { Namespace: "AWS/VpcLattice", MetricName: metricName, Dimensions: [{ Name: "Service", Value: serviceId }] },
      Period: period,
      Stat: stat,
    },
  };
}

describe("fake Lattice", () => {
  test("pages the network's associations 100 at a time, in the real shape", async () => {
    // Arrange
    const { clients, fleet } = fleetOf(250);
    const pages = [];
    let nextToken: string | undefined;

    // Act
    do {
      const page = await clients.lattice.send(
        new ListServiceNetworkServiceAssociationsCommand({ serviceNetworkIdentifier: fleet.network.arn, nextToken })
      );
      pages.push(page);
      nextToken = page.nextToken;
    } while (nextToken);

    // Assert
    expect(pages.map((p) => p.items?.length)).toEqual([100, 100, 50]);
    const first = pages[0].items?.[0];
    expect(first).toMatchObject({
      id: expect.stringMatching(/^snsa-[0-9a-f]{17}$/),
      status: "ACTIVE",
      serviceId: expect.stringMatching(/^svc-[0-9a-f]{17}$/),
      serviceName: "bench-0000",
      serviceArn: expect.stringMatching(/^arn:aws:vpc-lattice:eu-west-1:111122223333:service\/svc-[0-9a-f]{17}$/),
      serviceNetworkId: fleet.network.id,
    });
    const ids = pages.flatMap((p) => p.items ?? []).map((i) => i.serviceId);
    expect(new Set(ids).size).toBe(250);
    expect(fake.calls()).toEqual({ ListServiceNetworkServiceAssociations: 3 });
  });

  test("refuses an unknown network and a page size above 100", async () => {
    const { clients, fleet } = fleetOf(3);

    await expect(
      clients.lattice.send(new ListServiceNetworkServiceAssociationsCommand({ serviceNetworkIdentifier: "sn-00000000000000000" }))
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(
      clients.lattice.send(new ListServiceNetworkServiceAssociationsCommand({ serviceNetworkIdentifier: fleet.network.id, maxResults: 101 }))
    ).rejects.toMatchObject({ name: "ValidationException" });
  });

  test("answers a plain service: one listener forwarding to one target group of three targets", async () => {
    // Arrange
    const { clients, fleet } = fleetOf(3);
    const serviceIdentifier = fleet.services[0].id;

    // Act
    const listeners = await clients.lattice.send(new ListListenersCommand({ serviceIdentifier }));
    const listenerIdentifier = listeners.items?.[0].id;
    const listener = await clients.lattice.send(new GetListenerCommand({ serviceIdentifier, listenerIdentifier }));
    const rules = await clients.lattice.send(new ListRulesCommand({ serviceIdentifier, listenerIdentifier }));
    const targetGroupIdentifier = listener.defaultAction?.forward?.targetGroups?.[0].targetGroupIdentifier;
    const targets = await clients.lattice.send(new ListTargetsCommand({ targetGroupIdentifier }));

    // Assert
    expect(listeners.items).toEqual([
      expect.objectContaining({ arn: expect.stringContaining("/listener/listener-"), id: expect.any(String), name: "https", port: 443, protocol: "HTTPS" }),
    ]);
    expect(listeners.items?.[0]).not.toHaveProperty("defaultAction");
    expect(listener.defaultAction).toEqual({
      forward: { targetGroups: [{ targetGroupIdentifier: expect.stringMatching(/^tg-[0-9a-f]{17}$/), weight: 100 }] },
    });
    expect(rules.items).toEqual([expect.objectContaining({ isDefault: true, id: expect.stringMatching(/^rule-/), arn: expect.any(String) })]);
    expect(targets.items).toHaveLength(3);
    expect(targets.items?.[0]).toEqual({ id: expect.stringMatching(/^10\.0\.\d+\.\d+$/), port: 8080, status: "HEALTHY" });
  });

  test("gives every 5th service a 90/10 canary rule", async () => {
    // Arrange
    const { clients, fleet } = fleetOf(5);
    const service = fleet.services[4];
    const serviceIdentifier = service.arn;
    const listenerIdentifier = service.listeners[0].arn;

    // Act
    const rules = await clients.lattice.send(new ListRulesCommand({ serviceIdentifier, listenerIdentifier }));
    const canary = rules.items?.find((r) => !r.isDefault);
    const rule = await clients.lattice.send(new GetRuleCommand({ serviceIdentifier, listenerIdentifier, ruleIdentifier: canary?.id }));

    // Assert
    expect(rules.items?.map((r) => r.isDefault)).toEqual([false, true]);
    expect(canary).toMatchObject({ priority: 10, arn: expect.stringContaining("/rule/rule-") });
    expect(rule.action?.forward?.targetGroups?.map((g) => g.weight)).toEqual([90, 10]);
    const groups = rule.action?.forward?.targetGroups?.map((g) => g.targetGroupIdentifier);
    expect(new Set(groups).size).toBe(2);
    expect(fleet.services.filter((s) => s.listeners[0].rules.length > 0).map((s) => s.index)).toEqual([4]);
  });

  test("keeps most targets of a large fleet HEALTHY", () => {
    const { fleet } = fleetOf(500);

    const statuses = [...fleet.targetGroupsById.values()].flatMap((g) => g.targets.map((t) => t.status));

    expect(fleet.targetGroupsById.size).toBe(600);
    expect(statuses.filter((s) => s === "HEALTHY").length / statuses.length).toBeGreaterThan(0.9);
    expect(new Set(statuses)).toEqual(new Set(["HEALTHY", "UNHEALTHY", "DRAINING"]));
  });
});

describe("fake CloudWatch", () => {
  test("answers every MetricStat query with one point per period, newest first", async () => {
    // Arrange
    const { clients, fleet } = fleetOf(3);
    const id = fleet.services[0].id;
    const queries = [
      stat("r", id, "TotalRequestCount", "Sum"),
      stat("e", id, "HTTPCode_5XX_Count", "Sum"),
      stat("c", id, "HTTPCode_4XX_Count", "Sum"),
      stat("l", id, "RequestTime", "p99"),
      stat("w", id, "TotalRequestCount", "Sum", 300),
    ];

    // Act
    const response = await clients.cloudWatch.send(new GetMetricDataCommand({ StartTime: START, EndTime: END, MetricDataQueries: queries }));

    // Assert
    const results = response.MetricDataResults ?? [];
    expect(results.map((r) => r.Id)).toEqual(["r", "e", "c", "l", "w"]);
    expect(results.every((r) => r.StatusCode === "Complete")).toBe(true);
    const requests = results[0];
    expect(requests.Values).toEqual([200, 200, 200, 200, 200]);
    expect(requests.Timestamps?.map((t) => t.toISOString())).toEqual([
      "2025-03-01T12:04:00.000Z",
      "2025-03-01T12:03:00.000Z",
      "2025-03-01T12:02:00.000Z",
      "2025-03-01T12:01:00.000Z",
      "2025-03-01T12:00:00.000Z",
    ]);
    expect(results[1].Values?.[0]).toBe(0); // 0.2% of 200
    expect(results[2].Values?.[0]).toBe(2);
    expect(results[3].Values).toEqual([120, 120, 120, 120, 120]);
    expect(results[4]).toMatchObject({ Values: [1000], Timestamps: [START] });
  });

  test("computes expressions over queries it does not return", async () => {
    // Arrange: service 7 answers 12% 5xx
    const { clients, fleet } = fleetOf(8);
    const id = fleet.services[7].id;
    const queries: MetricDataQuery[] = [
      stat("r", id, "TotalRequestCount", "Sum", 300, false),
      stat("e", id, "HTTPCode_5XX_Count", "Sum", 300, false),
      { Id: "rate", Expression: "100 * e / r", Label: "5xx %" },
    ];

    // Act
    const response = await clients.cloudWatch.send(new GetMetricDataCommand({ StartTime: START, EndTime: END, MetricDataQueries: queries }));

    // Assert
    expect(response.MetricDataResults).toEqual([
      expect.objectContaining({ Id: "rate", Label: "5xx %", StatusCode: "Complete", Values: [expect.closeTo(12, 1)] }),
    ]);
  });

  test("has no data points for a service without traffic, which FILL can fill", async () => {
    // Arrange: service 30 has never been called
    const { clients, fleet } = fleetOf(31);
    const id = fleet.services[30].id;
    const queries = [stat("r", id, "TotalRequestCount", "Sum"), { Id: "f", Expression: "FILL(r, 0)" }];

    // Act
    const response = await clients.cloudWatch.send(new GetMetricDataCommand({ StartTime: START, EndTime: END, MetricDataQueries: queries }));

    // Assert
    expect(response.MetricDataResults?.[0]).toMatchObject({ Id: "r", Values: [], Timestamps: [], StatusCode: "Complete" });
    expect(response.MetricDataResults?.[1].Values).toEqual([0, 0, 0, 0, 0]);
  });

  test("throws on what it does not model and on more than 500 queries", async () => {
    const { clients, fleet } = fleetOf(1);
    const id = fleet.services[0].id;
    const send = (queries: MetricDataQuery[]) =>
      clients.cloudWatch.send(new GetMetricDataCommand({ StartTime: START, EndTime: END, MetricDataQueries: queries }));

    await expect(send([stat("r", id, "TotalRequestCount", "Average")])).rejects.toThrow(/Average of TotalRequestCount is not faked/);
    await expect(send([stat("r", id, "ActiveConnectionCount", "Sum")])).rejects.toThrow(/ActiveConnectionCount is not faked/);
    await expect(send([stat("r", id, "TotalRequestCount", "Sum"), { Id: "x", Expression: "RATE(r)" }])).rejects.toThrow(/RATE is not faked/);
    await expect(send(Array.from({ length: 501 }, (_, i) => stat(`q${i}`, id, "TotalRequestCount", "Sum")))).rejects.toMatchObject({
      name: "ValidationException",
    });
  });
});

describe("fake EventBridge and DynamoDB", () => {
  test("accepts every PutEvents entry and refuses more than 10", async () => {
    // Arrange
    const { clients } = fleetOf(1);
    const entry = { Source: "test", DetailType: "Service Health Check", Detail: "{}", EventBusName: "bench-bus" };

    // Act
    const response = await clients.eventBridge.send(new PutEventsCommand({ Entries: [entry, entry] }));

    // Assert
    expect(response).toMatchObject({ FailedEntryCount: 0, Entries: [{ EventId: expect.any(String) }, { EventId: expect.any(String) }] });
    expect(fake.published).toHaveLength(2);
    await expect(clients.eventBridge.send(new PutEventsCommand({ Entries: Array(11).fill(entry) }))).rejects.toMatchObject({
      name: "ValidationException",
    });
  });

  test("stores items and reads them back in AttributeValue form", async () => {
    // Arrange
    const { clients } = fleetOf(1);
    const item = { pk: { S: "health#svc-1" }, status: { S: "healthy" }, checks: { N: "2" } };

    // Act: the condition is accepted, not evaluated
    await clients.dynamo.send(new PutItemCommand({ TableName: "bench-state", Item: item, ConditionExpression: "attribute_not_exists(pk)" }));
    await clients.dynamo.send(new PutItemCommand({ TableName: "bench-state", Item: item, ConditionExpression: "attribute_not_exists(pk)" }));
    const batch = await clients.dynamo.send(
      new BatchGetItemCommand({ RequestItems: { "bench-state": { Keys: [{ pk: { S: "health#svc-1" } }, { pk: { S: "health#svc-2" } }] } } })
    );
    const single = await clients.dynamo.send(new GetItemCommand({ TableName: "bench-state", Key: { pk: { S: "health#svc-2" } } }));

    // Assert
    expect(batch.Responses).toEqual({ "bench-state": [item] });
    expect(batch.UnprocessedKeys).toEqual({});
    expect(single.Item).toBeUndefined();
    const keys = Array.from({ length: 101 }, (_, i) => ({ pk: { S: `k${i}` } }));
    await expect(clients.dynamo.send(new BatchGetItemCommand({ RequestItems: { "bench-state": { Keys: keys } } }))).rejects.toMatchObject({
      name: "ValidationException",
    });
    await expect(clients.dynamo.send(new GetItemCommand({ TableName: "other", Key: { pk: { S: "x" } } }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
  });
});

describe("fake AWS", () => {
  test("counts every call by operation, refused ones included, until reset", async () => {
    // Arrange
    const { clients, fleet } = fleetOf(2);
    const serviceIdentifier = fleet.services[1].id;

    // Act
    await clients.lattice.send(new ListListenersCommand({ serviceIdentifier }));
    await clients.lattice.send(new ListListenersCommand({ serviceIdentifier }));
    await expect(clients.lattice.send(new GetServiceCommand({ serviceIdentifier }))).rejects.toThrow(
      "fake AWS: VPCLatticeClient has no fake for GetService"
    );

    // Assert
    expect(fake.calls()).toEqual({ ListListeners: 2, GetService: 1 });
    expect(fake.totalCalls()).toBe(3);
    expect(fake.refusals()).toEqual(["GetService: fake AWS: VPCLatticeClient has no fake for GetService; add one under scripts/bench/"]);
    fake.resetCalls();
    expect(fake.calls()).toEqual({});
    expect(fake.refusals()).toEqual([]);
  });

  test("answers each call only after its latency", async () => {
    jest.useFakeTimers();
    try {
      // Arrange
      fake = createFakeAws({ services: 1, latencyMs: 40 });
      let settled = false;

      // Act
      const call = fake.clients.lattice.send(new ListListenersCommand({ serviceIdentifier: fake.fleet.services[0].id })).then(() => {
        settled = true;
      });
      await jest.advanceTimersByTimeAsync(39);
      const before = settled;
      await jest.advanceTimersByTimeAsync(1);
      await call;

      // Assert
      expect(before).toBe(false);
      expect(settled).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});
