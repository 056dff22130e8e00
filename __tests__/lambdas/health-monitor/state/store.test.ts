import { BatchGetItemCommand, DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import "aws-sdk-client-mock-jest";

import {
  fromItem,
  healthKey,
  readStates,
  toItem,
  writeState,
  MAX_BATCH_ATTEMPTS,
} from "../../../../lambdas/health-monitor/state/store";
import type { HealthState } from "../../../../lambdas/health-monitor/state/transition";
import { serviceId } from "../../../helpers/lattice-fixtures";

const TABLE = "sl-lifecycle";
const NOW = new Date("2025-03-01T12:00:00Z");
const NOW_S = Math.floor(NOW.getTime() / 1000);
const dynamoMock = mockClient(DynamoDBClient);
const client = new DynamoDBClient({ region: "eu-west-1" });
const noSleep = { sleep: async () => undefined, random: () => 0 };

function state(n: number, overrides: Partial<HealthState> = {}): HealthState {
  return {
    serviceId: serviceId(n),
    serviceName: `svc-name-${n}`,
    status: "healthy",
    since: "2025-03-01T11:00:00.000Z",
    pendingStatus: null,
    pendingChecks: 0,
    lastCheckAt: "2025-03-01T11:55:00.000Z",
    expiresAt: NOW_S + 3600,
    ...overrides,
  };
}

/** BatchGetItem answered from `rows`, leaving the keys in `unprocessed` (by call number) unprocessed. */
function givenTable(rows: HealthState[], unprocessedOnCall: Record<number, string[]> = {}): void {
  const byKey = new Map(rows.map((r) => [healthKey(r.serviceId), toItem(r)]));
  let call = 0;
  dynamoMock.on(BatchGetItemCommand).callsFake((input) => {
    call++;
    const keys = (input.RequestItems[TABLE].Keys as Record<string, AttributeValue>[]).map((k) => k.pk.S as string);
    const left = new Set(unprocessedOnCall[call] ?? []);
    const items = keys.filter((k) => !left.has(k) && byKey.has(k)).map((k) => byKey.get(k));
    const unprocessed = keys.filter((k) => left.has(k)).map((k) => ({ pk: { S: k } }));
    return {
      Responses: { [TABLE]: items },
      UnprocessedKeys: unprocessed.length > 0 ? { [TABLE]: { Keys: unprocessed } } : {},
    };
  });
}

beforeEach(() => dynamoMock.reset());

describe("readStates", () => {
  it("reads up to 100 keys per call, strongly consistent", async () => {
    const rows = Array.from({ length: 150 }, (_, i) => state(i));
    givenTable(rows);
    const { states, unreadable } = await readStates(client, TABLE, rows.map((r) => r.serviceId), NOW, noSleep);
    const calls = dynamoMock.commandCalls(BatchGetItemCommand);
    expect(calls.map((c) => c.args[0].input.RequestItems?.[TABLE].Keys?.length)).toEqual([100, 50]);
    expect(calls[0].args[0].input.RequestItems?.[TABLE].ConsistentRead).toBe(true);
    expect(states.size).toBe(150);
    expect(unreadable.size).toBe(0);
    expect(states.get(serviceId(7))).toEqual(rows[7]);
  });

  it("returns nothing for services without a row", async () => {
    givenTable([]);
    const { states, unreadable } = await readStates(client, TABLE, [serviceId(1)], NOW, noSleep);
    expect(states.size).toBe(0);
    expect(unreadable.size).toBe(0);
  });

  it("asks again for unprocessed keys and gets them", async () => {
    givenTable([state(1), state(2)], { 1: [healthKey(serviceId(2))] });
    const { states } = await readStates(client, TABLE, [serviceId(1), serviceId(2)], NOW, noSleep);
    expect(dynamoMock).toHaveReceivedCommandTimes(BatchGetItemCommand, 2);
    expect(dynamoMock.commandCalls(BatchGetItemCommand)[1].args[0].input.RequestItems?.[TABLE].Keys).toEqual([
      { pk: { S: healthKey(serviceId(2)) } },
    ]);
    expect([...states.keys()].sort()).toEqual([serviceId(1), serviceId(2)]);
  });

  it("reports keys still unprocessed after the last attempt as unreadable", async () => {
    const stuck = healthKey(serviceId(2));
    givenTable([state(1), state(2)], Object.fromEntries(Array.from({ length: MAX_BATCH_ATTEMPTS }, (_, i) => [i + 1, [stuck]])));
    const { states, unreadable } = await readStates(client, TABLE, [serviceId(1), serviceId(2)], NOW, noSleep);
    expect(dynamoMock).toHaveReceivedCommandTimes(BatchGetItemCommand, MAX_BATCH_ATTEMPTS);
    expect(states.has(serviceId(1))).toBe(true);
    expect(unreadable.get(serviceId(2))).toMatch(/unprocessed after 4 BatchGetItem attempts/);
  });

  it("reports every service of a failed batch as unreadable, and reads the other batches", async () => {
    const rows = Array.from({ length: 101 }, (_, i) => state(i));
    let call = 0;
    dynamoMock.on(BatchGetItemCommand).callsFake((input) => {
      call++;
      if (call === 1) {
        throw Object.assign(new Error("Rate exceeded"), { name: "ProvisionedThroughputExceededException" });
      }
      const keys = (input.RequestItems[TABLE].Keys as Record<string, AttributeValue>[]).map((k) => k.pk.S);
      return { Responses: { [TABLE]: rows.filter((r) => keys.includes(healthKey(r.serviceId))).map(toItem) } };
    });
    const { states, unreadable } = await readStates(client, TABLE, rows.map((r) => r.serviceId), NOW, noSleep);
    expect(unreadable.size).toBe(100);
    expect(unreadable.get(serviceId(0))).toMatch(/BatchGetItem failed: .*Rate exceeded/);
    expect(states.size).toBe(1);
  });

  it("treats rows past expiresAt as absent (TTL deletes lazily)", async () => {
    givenTable([state(1, { expiresAt: NOW_S }), state(2, { expiresAt: NOW_S + 1 })]);
    const { states } = await readStates(client, TABLE, [serviceId(1), serviceId(2)], NOW, noSleep);
    expect([...states.keys()]).toEqual([serviceId(2)]);
  });

  it("asks once for a service listed twice", async () => {
    givenTable([state(1)]);
    await readStates(client, TABLE, [serviceId(1), serviceId(1)], NOW, noSleep);
    expect(dynamoMock.commandCalls(BatchGetItemCommand)[0].args[0].input.RequestItems?.[TABLE].Keys).toHaveLength(1);
  });
});

describe("writeState", () => {
  it("writes the row on condition that no newer check wrote it", async () => {
    dynamoMock.on(PutItemCommand).resolves({});
    await expect(writeState(client, TABLE, state(1))).resolves.toBe("written");
    expect(dynamoMock).toHaveReceivedCommandWith(PutItemCommand, {
      TableName: TABLE,
      Item: toItem(state(1)),
      ConditionExpression:
        "attribute_not_exists(pk) OR attribute_not_exists(lastCheckAt) OR NOT attribute_type(lastCheckAt, :string) OR lastCheckAt < :checkAt",
      ExpressionAttributeValues: { ":checkAt": { S: "2025-03-01T11:55:00.000Z" }, ":string": { S: "S" } },
    });
  });

  it("returns superseded when the condition fails", async () => {
    dynamoMock
      .on(PutItemCommand)
      .rejects(Object.assign(new Error("The conditional request failed"), { name: "ConditionalCheckFailedException" }));
    await expect(writeState(client, TABLE, state(1))).resolves.toBe("superseded");
  });

  it("throws any other error", async () => {
    dynamoMock.on(PutItemCommand).rejects(Object.assign(new Error("denied"), { name: "AccessDeniedException" }));
    await expect(writeState(client, TABLE, state(1))).rejects.toThrow("denied");
  });
});

describe("item format", () => {
  it("round-trips a state, a pending status included", () => {
    const pending = state(3, { pendingStatus: "unhealthy", pendingChecks: 2 });
    expect(fromItem(toItem(pending))).toEqual(pending);
    expect(toItem(state(3)).pendingStatus).toEqual({ NULL: true });
    expect(toItem(state(3)).expiresAt).toEqual({ N: String(NOW_S + 3600) });
  });

  it.each([
    ["an unknown status", { status: { S: "fine" } }],
    ["a bad time", { since: { S: "yesterday" } }],
    ["a negative count", { pendingChecks: { N: "-1" } }],
    ["a key that does not match the service id", { pk: { S: "health#svc-other" } }],
    ["a missing expiry", { expiresAt: undefined }],
  ])("treats a row with %s as malformed", (_what, change) => {
    const item = { ...toItem(state(1)), ...change } as Record<string, AttributeValue>;
    expect(fromItem(item)).toBeUndefined();
  });
});
