import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";

import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { BatchGetItemCommand, DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { ListTargetsCommand } from "@aws-sdk/client-vpc-lattice";
import { mockClient } from "aws-sdk-client-mock";

import { CallCounter, DEFAULT_CALL_TIMEOUT_MS, instrument, operationName } from "../../../lambdas/shared/aws-calls";
import { createClient } from "../../../lambdas/shared/clients";

/** A stand-in client whose `send` records its arguments and answers `{ ok: true }`. */
function fakeClient() {
  const send = jest.fn(async (_command: unknown, _options?: Record<string, unknown>) => ({ ok: true }));
  return { send, region: "eu-west-1" };
}

const GET_METRIC_DATA = new GetMetricDataCommand({ MetricDataQueries: [], StartTime: new Date(), EndTime: new Date() });

/** A loopback HTTP server that accepts requests and never answers them. */
async function silentServer() {
  const sockets = new Set<Socket>();
  let requests = 0;
  const server = createServer(() => {
    requests++;
  });
  server.on("connection", (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Function: operationName", () => {
  test.each([
    ["ListTargets", new ListTargetsCommand({ targetGroupIdentifier: "tg-0123456789abcdef0" })],
    ["GetMetricData", GET_METRIC_DATA],
    ["BatchGetItem", new BatchGetItemCommand({ RequestItems: {} })],
    ["PutEvents", new PutEventsCommand({ Entries: [] })],
  ])("names %s from the real SDK command", (expected, command) => {
    // Act
    const name = operationName(command);

    // Assert
    expect(name).toBe(expected);
  });

  test("takes the name from the command's operation schema rather than its class name", () => {
    // Arrange: a minifier may rename classes; the schema keeps the operation name
    class X extends Object {
      readonly schema = [9, "com.amazonaws.example", "DescribeThings", 0, () => undefined, () => undefined];
    }

    // Act
    const name = operationName(new X());

    // Assert
    expect(name).toBe("DescribeThings");
  });

  test("falls back to the class name without its Command suffix when there is no schema", () => {
    // Arrange
    class DescribeWidgetsCommand {}

    // Act
    const name = operationName(new DescribeWidgetsCommand());

    // Assert
    expect(name).toBe("DescribeWidgets");
  });
});

describe("Class: CallCounter", () => {
  test("counts calls per operation and in total, and hands out copies", () => {
    // Arrange
    const counter = new CallCounter();
    counter.record("ListTargets");
    counter.record("GetMetricData");
    counter.record("ListTargets");

    // Act
    const snapshot = counter.snapshot();
    snapshot.ListTargets = 99;

    // Assert
    expect(counter.snapshot()).toEqual({ ListTargets: 2, GetMetricData: 1 });
    expect(counter.total()).toBe(3);
  });

  test("starts empty", () => {
    // Act
    const counter = new CallCounter();

    // Assert
    expect(counter.snapshot()).toEqual({});
    expect(counter.total()).toBe(0);
  });
});

describe("Function: instrument", () => {
  test("counts each call by operation, failed calls included", async () => {
    // Arrange
    const client = fakeClient();
    client.send.mockRejectedValueOnce(new Error("throttled"));
    const counter = new CallCounter();
    const instrumented = instrument(client, counter);

    // Act
    await expect(instrumented.send(GET_METRIC_DATA)).rejects.toThrow("throttled");
    await instrumented.send(new ListTargetsCommand({ targetGroupIdentifier: "tg-1" }));
    await instrumented.send(new ListTargetsCommand({ targetGroupIdentifier: "tg-2" }));

    // Assert
    expect(counter.snapshot()).toEqual({ GetMetricData: 1, ListTargets: 2 });
    expect(client.send).toHaveBeenCalledTimes(3);
  });

  test("passes the command on with a live abort signal, keeping the caller's other options", async () => {
    // Arrange
    const client = fakeClient();
    const command = new PutEventsCommand({ Entries: [] });

    // Act
    const result = await instrument(client, new CallCounter(), 1000).send(command, { requestTimeout: 750 });

    // Assert
    expect(result).toEqual({ ok: true });
    const [sent, options] = client.send.mock.calls[0];
    expect(sent).toBe(command);
    expect(options).toEqual({ requestTimeout: 750, abortSignal: expect.any(AbortSignal) });
    expect((options?.abortSignal as AbortSignal).aborted).toBe(false);
  });

  test("aborts the signal once the call timeout has passed", async () => {
    // Arrange
    const client = fakeClient();
    await instrument(client, new CallCounter(), 20).send(new PutEventsCommand({ Entries: [] }));
    const signal = client.send.mock.calls[0][1]?.abortSignal as AbortSignal;

    // Act
    await sleep(60);

    // Assert
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).name).toBe("TimeoutError");
  });

  test("uses the default call timeout when none is given", async () => {
    // Arrange
    const timeout = jest.spyOn(AbortSignal, "timeout");

    try {
      // Act
      await instrument(fakeClient(), new CallCounter()).send(new PutEventsCommand({ Entries: [] }));

      // Assert
      expect(timeout).toHaveBeenCalledWith(DEFAULT_CALL_TIMEOUT_MS);
    } finally {
      timeout.mockRestore();
    }
  });

  test("keeps a caller's own abort signal instead of adding one", async () => {
    // Arrange
    const client = fakeClient();
    const own = new AbortController().signal;

    // Act
    await instrument(client, new CallCounter(), 10).send(new PutEventsCommand({ Entries: [] }), { abortSignal: own });

    // Assert
    expect(client.send.mock.calls[0][1]?.abortSignal).toBe(own);
  });

  test("leaves every other property of the client as it is", () => {
    // Arrange
    const client = new CloudWatchClient({ region: "eu-west-1" });

    // Act
    const instrumented = instrument(client, new CallCounter());

    // Assert
    expect(instrumented).toBeInstanceOf(CloudWatchClient);
    expect(instrumented.config).toBe(client.config);
    expect(instrumented.middlewareStack).toBe(client.middlewareStack);
  });

  test("still resolves the responses of a client mocked with aws-sdk-client-mock, and counts them", async () => {
    // Arrange
    const dynamoMock = mockClient(DynamoDBClient);
    try {
      dynamoMock.on(BatchGetItemCommand).resolves({ Responses: { "sl-state": [{ pk: { S: "health#orders" } }] } });
      dynamoMock.on(GetItemCommand).resolves({ Item: { pk: { S: "scaling#orders" } } });
      const counter = new CallCounter();
      const dynamo = instrument(new DynamoDBClient({ region: "eu-west-1" }), counter);

      // Act
      const batch = await dynamo.send(new BatchGetItemCommand({ RequestItems: { "sl-state": { Keys: [] } } }));
      const item = await dynamo.send(new GetItemCommand({ TableName: "sl-state", Key: { pk: { S: "scaling#orders" } } }));

      // Assert
      expect(batch.Responses?.["sl-state"]).toEqual([{ pk: { S: "health#orders" } }]);
      expect(item.Item).toEqual({ pk: { S: "scaling#orders" } });
      expect(dynamoMock).toHaveReceivedCommandTimes(BatchGetItemCommand, 1);
      expect(counter.snapshot()).toEqual({ BatchGetItem: 1, GetItem: 1 });
    } finally {
      dynamoMock.restore();
    }
  });

  test("aborts a call that hangs, as an AbortError, without a retry", async () => {
    // Arrange: 3 attempts of 10 s each are allowed, but the whole call only 300 ms
    const server = await silentServer();
    try {
      const client = createClient(
        EventBridgeClient,
        { region: "eu-west-1", endpoint: server.endpoint, credentials: { accessKeyId: "test", secretAccessKey: "test" } },
        { maxAttempts: 3, requestTimeoutMs: 10_000, retryMode: "standard" }
      );
      const counter = new CallCounter();
      const events = instrument(client, counter, 300);
      const started = Date.now();

      // Act
      const error = await events
        .send(new PutEventsCommand({ Entries: [{ Source: "s", DetailType: "d", Detail: "{}", EventBusName: "b" }] }))
        .then(
          () => undefined,
          (e: unknown) => e as Error & { $metadata?: { attempts?: number } }
        );
      const elapsed = Date.now() - started;
      await sleep(500); // room for a retry to reach the server, if one were made

      // Assert
      expect(error?.name).toBe("AbortError");
      expect(error?.$metadata?.attempts).toBe(1);
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(5_000);
      expect(server.requests()).toBe(1);
      expect(counter.snapshot()).toEqual({ PutEvents: 1 });
    } finally {
      await server.close();
    }
  });
});
