/**
 * discoverTopology through a real VPC Lattice client (built by createClient,
 * with the handlers' retry settings) against a loopback HTTP server: the SDK
 * parses the JSON Lattice sends, and its retry strategy answers throttling.
 * aws-sdk-client-mock replaces `send`, so neither happens under it.
 */
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

import { VPCLatticeClient } from "@aws-sdk/client-vpc-lattice";

import { createClient } from "../../../../lambdas/shared/clients";
import { discoverTopology } from "../../../../lambdas/health-monitor/topology/discover";
import {
  listenerId,
  listenerSummary,
  ruleId,
  ruleSummary,
  serviceId,
  targetGroupArn,
  targetGroupId,
} from "../../../helpers/topology-fixtures";

const SERVICE = serviceId(1);
const NOW = Date.parse("2025-06-01T12:00:00Z");
const TG_BLUE = targetGroupId(0xb1);
const TG_GREEN = targetGroupId(0xb2);

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

/** A loopback server that answers by method and path; records each request as `METHOD path`. */
async function latticeServer(answer: (method: string, path: string) => Answer) {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "").split("?")[0];
    requests.push(`${req.method} ${path}`);
    req.resume();
    req.on("end", () => {
      const { status, body, headers } = answer(req.method ?? "", path);
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    });
  });
  server.on("connection", (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    requests,
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** JSON as Lattice sends it: dates as ISO strings. */
function json(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

const LISTENERS = `/services/${SERVICE}/listeners`;
const LISTENER = `${LISTENERS}/${listenerId(1)}`;

/** One listener: default action to blue by ARN, one rule 90/10 to blue/green, and the default rule. */
function routing(method: string, path: string): Answer {
  if (method === "GET" && path === LISTENERS) {
    return { status: 200, body: json({ items: [listenerSummary(SERVICE, listenerId(1))] }) };
  }
  if (method === "GET" && path === LISTENER) {
    return {
      status: 200,
      body: json({
        ...listenerSummary(SERVICE, listenerId(1)),
        serviceId: SERVICE,
        defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: targetGroupArn(TG_BLUE) }] } },
      }),
    };
  }
  if (method === "GET" && path === `${LISTENER}/rules`) {
    return {
      status: 200,
      body: json({
        items: [
          ruleSummary(SERVICE, listenerId(1), ruleId(0xdef)),
          ruleSummary(SERVICE, listenerId(1), ruleId(1), 10),
          ruleSummary(SERVICE, listenerId(1), ruleId(2), 20),
        ],
      }),
    };
  }
  if (method === "GET" && path === `${LISTENER}/rules/${ruleId(1)}`) {
    return {
      status: 200,
      body: json({
        id: ruleId(1),
        action: {
          forward: {
            targetGroups: [
              { targetGroupIdentifier: TG_BLUE, weight: 90 },
              { targetGroupIdentifier: TG_GREEN, weight: 10 },
            ],
          },
        },
      }),
    };
  }
  if (method === "GET" && path === `${LISTENER}/rules/${ruleId(2)}`) {
    // An action type this SDK version does not know.
    return { status: 200, body: { id: ruleId(2), action: { redirect: { host: "example.com" } } } };
  }
  return { status: 404, body: { message: `no route for ${method} ${path}` } };
}

function client(endpoint: string): VPCLatticeClient {
  return createClient(
    VPCLatticeClient,
    { region: "eu-west-1", endpoint, credentials: { accessKeyId: "test", secretAccessKey: "test" } },
    { maxAttempts: 3, requestTimeoutMs: 2000, retryMode: "standard" }
  );
}

describe("Function: discoverTopology (real client, loopback server)", () => {
  test("reads the JSON Lattice sends: ARN and id identifiers, missing weights, unknown action types", async () => {
    // Arrange
    const server = await latticeServer(routing);
    const lattice = client(server.endpoint);

    try {
      // Act
      const topology = await discoverTopology(lattice, SERVICE, NOW);

      // Assert
      expect(topology.actions).toEqual([
        { listenerId: listenerId(1), targetGroups: [{ targetGroupId: TG_BLUE, weight: 1 }] },
        {
          listenerId: listenerId(1),
          ruleId: ruleId(1),
          targetGroups: [
            { targetGroupId: TG_BLUE, weight: 90 },
            { targetGroupId: TG_GREEN, weight: 10 },
          ],
        },
      ]);
      expect(topology.ignored).toEqual([
        `rule ${ruleId(2)} of listener ${listenerId(1)}: has an unknown action type "redirect"; left out`,
      ]);
      expect(server.requests).toEqual([
        `GET ${LISTENERS}`,
        `GET ${LISTENER}`,
        `GET ${LISTENER}/rules`,
        `GET ${LISTENER}/rules/${ruleId(1)}`,
        `GET ${LISTENER}/rules/${ruleId(2)}`,
      ]);
    } finally {
      lattice.destroy();
      await server.close();
    }
  });

  test("gets through a throttled call on the SDK's retry", async () => {
    // Arrange: the first GetListener is throttled (429 ThrottlingException)
    let throttled = 0;
    const server = await latticeServer((method, path) => {
      if (path === LISTENER && throttled === 0) {
        throttled++;
        return {
          status: 429,
          headers: { "x-amzn-errortype": "ThrottlingException" },
          body: { message: "Rate exceeded" },
        };
      }
      return routing(method, path);
    });
    const lattice = client(server.endpoint);

    try {
      // Act
      const topology = await discoverTopology(lattice, SERVICE, NOW);

      // Assert
      expect(topology.listenerCount).toBe(1);
      expect(topology.actions).toHaveLength(2);
      expect(server.requests.filter((r) => r === `GET ${LISTENER}`)).toHaveLength(2);
    } finally {
      lattice.destroy();
      await server.close();
    }
  });

  test("rethrows the throttling error once the SDK's attempts are used up", async () => {
    // Arrange: ListListeners is always throttled; 3 attempts
    const server = await latticeServer(() => ({
      status: 429,
      headers: { "x-amzn-errortype": "ThrottlingException" },
      body: { message: "Rate exceeded" },
    }));
    const lattice = client(server.endpoint);

    try {
      // Act
      const call = discoverTopology(lattice, SERVICE, NOW);

      // Assert
      await expect(call).rejects.toMatchObject({ name: "ThrottlingException", $metadata: { attempts: 3 } });
      expect(server.requests).toEqual([`GET ${LISTENERS}`, `GET ${LISTENERS}`, `GET ${LISTENERS}`]);
    } finally {
      lattice.destroy();
      await server.close();
    }
  });
});
