import { createServer } from "node:http";
import type { RequestListener } from "node:http";
import type { AddressInfo, Socket } from "node:net";

import { ECSClient, ListClustersCommand } from "@aws-sdk/client-ecs";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { VPCLatticeClient } from "@aws-sdk/client-vpc-lattice";
import { NodeHttpHandler } from "@smithy/node-http-handler";

import { baseClientConfig, clientSettings, createClient } from "../../../lambdas/shared/clients";
import type { ClientSettings } from "../../../lambdas/shared/clients";

/** A loopback HTTP server for one test; `close` also drops the sockets it still holds. */
async function loopbackServer(listener: RequestListener) {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer(listener);
  server.on("connection", (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    /** Registers an interval or timeout so that `close` stops it. */
    track: (timer: NodeJS.Timeout) => void timers.add(timer),
    close: async () => {
      timers.forEach((t) => clearInterval(t));
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** An EventBridge client aimed at a loopback endpoint, with dummy credentials. */
function loopbackEventBridge(endpoint: string, settings: ClientSettings): EventBridgeClient {
  return createClient(
    EventBridgeClient,
    { region: "eu-west-1", endpoint, credentials: { accessKeyId: "test", secretAccessKey: "test" } },
    settings
  );
}

const PUT_EVENTS = new PutEventsCommand({
  Entries: [{ Source: "s", DetailType: "d", Detail: "{}", EventBusName: "b" }],
});
const PUT_EVENTS_ANSWER = '{"FailedEntryCount":0,"Entries":[{"EventId":"evt-1"}]}';

/** Settles `call` as "resolved", its error, or a marker when it is still pending after `ms`. */
function settleWithin(call: Promise<unknown>, ms: number): Promise<unknown> {
  return Promise.race([
    call.then(
      () => "resolved",
      (error: unknown) => error
    ),
    new Promise((resolve) => setTimeout(() => resolve(`still waiting after ${ms} ms`), ms).unref()),
  ]);
}

describe("Function: clientSettings", () => {
  test("uses 5 attempts, a 5000 ms timeout and standard retries by default", () => {
    // Act
    const settings = clientSettings({});

    // Assert
    expect(settings).toEqual({ maxAttempts: 5, requestTimeoutMs: 5000, retryMode: "standard" });
  });

  test("reads the attempts, timeout and retry mode from the environment", () => {
    // Arrange
    const env = { SL_AWS_MAX_ATTEMPTS: "3", SL_AWS_REQUEST_TIMEOUT_MS: "1500", SL_AWS_RETRY_MODE: "adaptive" };

    // Act
    const settings = clientSettings(env);

    // Assert
    expect(settings).toEqual({ maxAttempts: 3, requestTimeoutMs: 1500, retryMode: "adaptive" });
  });

  test("throws naming the variable for an unknown retry mode", () => {
    // Act
    const act = () => clientSettings({ SL_AWS_RETRY_MODE: "legacy" });

    // Assert
    expect(act).toThrow(/SL_AWS_RETRY_MODE/);
  });
});

describe("Function: createClient", () => {
  test("gives the client the retry settings and a timed request handler", async () => {
    // Arrange
    const settings = { maxAttempts: 4, requestTimeoutMs: 2500, retryMode: "adaptive" as const };

    // Act
    const client = createClient(VPCLatticeClient, { region: "eu-west-1" }, settings);

    // Assert
    expect(await client.config.maxAttempts()).toBe(4);
    expect(await client.config.retryStrategy()).toMatchObject({ mode: "adaptive" });
    expect(client.config.requestHandler).toBeInstanceOf(NodeHttpHandler);
    expect(await client.config.region()).toBe("eu-west-1");
  });

  test("lets overrides replace the shared settings", async () => {
    // Act
    const client = createClient(ECSClient, { region: "eu-west-1", maxAttempts: 1 }, clientSettings({}));

    // Assert
    expect(await client.config.maxAttempts()).toBe(1);
  });

  test("fails a call that outlives the request timeout instead of waiting", async () => {
    // Arrange: a loopback server that accepts requests and never answers
    const sockets = new Set<Socket>();
    const server = createServer(() => undefined);
    server.on("connection", (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const client = createClient(
      ECSClient,
      {
        region: "eu-west-1",
        endpoint: `http://127.0.0.1:${port}`,
        credentials: { accessKeyId: "test", secretAccessKey: "test" },
      },
      { maxAttempts: 1, requestTimeoutMs: 200, retryMode: "standard" }
    );
    let outcome: unknown;

    try {
      // Act: wait at most 3 s, so a call that never times out fails the test instead of hanging it
      outcome = await Promise.race([
        client.send(new ListClustersCommand({})).then(
          () => "resolved",
          (error: unknown) => error
        ),
        new Promise((resolve) => setTimeout(() => resolve("still waiting after 3 s"), 3000).unref()),
      ]);
    } finally {
      client.destroy();
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => server.close(resolve));
    }

    // Assert
    expect(outcome).toMatchObject({ name: "TimeoutError" });
  });
});

describe("Function: createClient, response body time limit", () => {
  test("fails an attempt whose response body stalls after the headers with a TimeoutError", async () => {
    // Arrange: headers and part of the body at once, the rest never
    const server = await loopbackServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/x-amz-json-1.1", "content-length": "200" });
      res.write('{"FailedEntryCount":0,');
    });
    const client = loopbackEventBridge(server.endpoint, {
      maxAttempts: 1,
      requestTimeoutMs: 200,
      retryMode: "standard",
    });
    const started = Date.now();
    let outcome: unknown;

    try {
      // Act: wait at most 3 s, so a body that is never bounded fails the test instead of hanging it
      outcome = await settleWithin(client.send(PUT_EVENTS), 3000);
    } finally {
      client.destroy();
      await server.close();
    }

    // Assert
    expect(outcome).toMatchObject({ name: "TimeoutError", code: "ETIMEDOUT" });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test("fails an attempt whose response body trickles in for longer than the request timeout", async () => {
    // Arrange: one byte every 50 ms, so the socket is never idle for long
    const server = await loopbackServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/x-amz-json-1.1", "content-length": "1000" });
      server.track(setInterval(() => res.write(" "), 50));
    });
    const client = loopbackEventBridge(server.endpoint, {
      maxAttempts: 1,
      requestTimeoutMs: 300,
      retryMode: "standard",
    });
    let outcome: unknown;

    try {
      // Act
      outcome = await settleWithin(client.send(PUT_EVENTS), 3000);
    } finally {
      client.destroy();
      await server.close();
    }

    // Assert
    expect(outcome).toMatchObject({ name: "TimeoutError" });
  });

  test("retries an attempt whose response body stalled and returns the next attempt's answer", async () => {
    // Arrange: the first request gets a stalled body, the second a whole answer
    let requests = 0;
    const server = await loopbackServer((_req, res) => {
      requests++;
      if (requests === 1) {
        res.writeHead(200, { "content-type": "application/x-amz-json-1.1", "content-length": "200" });
        res.write('{"FailedEntryCount":0,');
        return;
      }
      res.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
      res.end(PUT_EVENTS_ANSWER);
    });
    const client = loopbackEventBridge(server.endpoint, {
      maxAttempts: 2,
      requestTimeoutMs: 200,
      retryMode: "standard",
    });
    let outcome: unknown;

    try {
      // Act
      outcome = await settleWithin(client.send(PUT_EVENTS), 5000);
    } finally {
      client.destroy();
      await server.close();
    }

    // Assert
    expect(outcome).toBe("resolved");
    expect(requests).toBe(2);
  });

  test("returns a response whose body arrives within the request timeout", async () => {
    // Arrange: headers at once, the body 100 ms later, under a 1000 ms limit
    const server = await loopbackServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
      server.track(setTimeout(() => res.end(PUT_EVENTS_ANSWER), 100));
    });
    const client = loopbackEventBridge(server.endpoint, {
      maxAttempts: 1,
      requestTimeoutMs: 1000,
      retryMode: "standard",
    });
    let output: unknown;

    try {
      // Act
      output = await client.send(PUT_EVENTS);
    } finally {
      client.destroy();
      await server.close();
    }

    // Assert
    expect(output).toMatchObject({ FailedEntryCount: 0, Entries: [{ EventId: "evt-1" }] });
  });
});

describe("Function: baseClientConfig", () => {
  test("sets attempts and retry mode from the settings", () => {
    // Act
    const config = baseClientConfig({ maxAttempts: 2, requestTimeoutMs: 100, retryMode: "standard" });

    // Assert
    expect(config).toMatchObject({ maxAttempts: 2, retryMode: "standard" });
  });
});
