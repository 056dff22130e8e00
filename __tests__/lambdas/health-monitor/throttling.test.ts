/**
 * Throttling is answered by the SDK's own retry: a real VPC Lattice client
 * talks to a loopback HTTP server that speaks the Lattice REST API and
 * throttles the first ListTargets request. (aws-sdk-client-mock replaces
 * `send`, so it cannot show the SDK's retry.)
 */
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { BatchGetItemCommand, DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { VPCLatticeClient } from "@aws-sdk/client-vpc-lattice";
import { mockClient } from "aws-sdk-client-mock";

import { runHealthCheck } from "../../../lambdas/health-monitor/monitor";
import { TopologyCache } from "../../../lambdas/health-monitor/topology/cache";
import { CallCounter, instrument } from "../../../lambdas/shared/aws-calls";
import { createClient } from "../../../lambdas/shared/clients";
import { association, metricResponder, serviceId } from "../../helpers/lattice-fixtures";
import { recordingLogger } from "../../helpers/log-recorder";
import { runtimeConfig } from "../../helpers/runtime-config";

const SERVICE = serviceId(1);
const LISTENER = "listener-00000000000000001";
const TARGET_GROUP = "tg-00000000000000001";

let server: Server;
let endpoint: string;
const requests: string[] = [];
let throttleTargets = 0;

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Just enough of the VPC Lattice REST API for one service with one listener and one target group. */
function lattice(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  requests.push(`${req.method} ${path}`);
  if (path === "/servicenetworkserviceassociations") {
    const item = association(SERVICE, "sl-orders");
    return json(res, 200, { items: [{ ...item, createdAt: undefined }] });
  }
  if (path === `/services/${SERVICE}/listeners`) {
    return json(res, 200, { items: [{ id: LISTENER, name: "https", port: 443, protocol: "HTTPS" }] });
  }
  if (path === `/services/${SERVICE}/listeners/${LISTENER}`) {
    return json(res, 200, { id: LISTENER, defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: TARGET_GROUP, weight: 1 }] } } });
  }
  if (path === `/services/${SERVICE}/listeners/${LISTENER}/rules`) {
    return json(res, 200, { items: [{ id: "rule-00000000000000001", isDefault: true, name: "default" }] });
  }
  if (path === `/targetgroups/${TARGET_GROUP}/listtargets`) {
    if (throttleTargets > 0) {
      throttleTargets--;
      return json(res, 429, { message: "Rate exceeded" }, { "x-amzn-errortype": "ThrottlingException" });
    }
    return json(res, 200, { items: [{ id: "10.0.0.1", port: 8080, status: "HEALTHY" }] });
  }
  json(res, 404, { message: `no route for ${path}` }, { "x-amzn-errortype": "ResourceNotFoundException" });
}

beforeAll(async () => {
  server = createServer(lattice);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

it("judges the service after the SDK retries a throttled ListTargets", async () => {
  throttleTargets = 1;
  const counter = new CallCounter();
  const latticeClient = createClient(
    VPCLatticeClient,
    { endpoint, region: "eu-west-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } },
    { maxAttempts: 3, requestTimeoutMs: 2000, retryMode: "standard" }
  );
  const cloudWatch = new CloudWatchClient({ region: "eu-west-1" });
  const eventBridge = new EventBridgeClient({ region: "eu-west-1" });
  const dynamo = new DynamoDBClient({ region: "eu-west-1" });
  mockClient(cloudWatch).on(GetMetricDataCommand).callsFake(metricResponder({ [SERVICE]: { requests: [500], errors: [0], p99: [40] } }));
  mockClient(eventBridge).on(PutEventsCommand).callsFake((input) => ({ FailedEntryCount: 0, Entries: input.Entries.map(() => ({ EventId: "e" })) }));
  const dynamoMock = mockClient(dynamo);
  dynamoMock.on(BatchGetItemCommand).resolves({ Responses: {} });
  dynamoMock.on(PutItemCommand).resolves({});

  const summary = await runHealthCheck({
    lattice: instrument(latticeClient, counter),
    cloudWatch: instrument(cloudWatch, counter),
    eventBridge: instrument(eventBridge, counter),
    dynamo: instrument(dynamo, counter),
    counter,
    config: runtimeConfig(),
    eventBusName: "lifecycle-bus",
    tableName: "sl-lifecycle",
    serviceNetworkIdentifier: "sn-0a1b2c3d4e5f60718",
    topologyCache: new TopologyCache(0),
    logger: recordingLogger(),
  });

  expect(summary).toMatchObject({ servicesChecked: 1, serviceFailures: 0, statuses: { healthy: 1 } });
  // Two HTTP requests for one call: the SDK retried; the call counter counts calls, not attempts.
  expect(requests.filter((r) => r.endsWith("/listtargets"))).toHaveLength(2);
  expect(summary.apiCalls.ListTargets).toBe(1);
});
