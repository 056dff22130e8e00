import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";

import { ECSClient, ListClustersCommand } from "@aws-sdk/client-ecs";
import { VPCLatticeClient } from "@aws-sdk/client-vpc-lattice";
import { NodeHttpHandler } from "@smithy/node-http-handler";

import { baseClientConfig, clientSettings, createClient } from "../../../lambdas/shared/clients";

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

describe("Function: baseClientConfig", () => {
  test("sets attempts and retry mode from the settings", () => {
    // Act
    const config = baseClientConfig({ maxAttempts: 2, requestTimeoutMs: 100, retryMode: "standard" });

    // Assert
    expect(config).toMatchObject({ maxAttempts: 2, retryMode: "standard" });
  });
});
