/**
 * A fake AWS for a fleet of N VPC Lattice services, for the health monitor
 * benchmark (`npm run bench`) and its tests.
 *
 * It creates real SDK v3 clients (`VPCLatticeClient`, `CloudWatchClient`,
 * `EventBridgeClient`, `DynamoDBClient`) and replaces each one's `send` with
 * aws-sdk-client-mock. Every call is counted by operation, waits `latencyMs`
 * (the round trip of a real call), then is answered from the fleet model
 * (fleet.ts) by the responders of fake-lattice.ts, fake-metrics.ts,
 * fake-events.ts and fake-dynamo.ts. A command without a responder rejects
 * with an error that names it, so a missing fake is noticed rather than
 * answered with `undefined`.
 *
 * The clients point at a closed loopback port with dummy credentials: should
 * a call ever get past the mock, it cannot reach AWS.
 */
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import { VPCLatticeClient } from "@aws-sdk/client-vpc-lattice";
import { mockClient } from "aws-sdk-client-mock";

import { CallCounter, operationName } from "../../lambdas/shared/aws-calls";
import type { CallCounts } from "../../lambdas/shared/aws-calls";
import { FakeTable, dynamoResponders } from "./fake-dynamo";
import { eventBridgeResponders } from "./fake-events";
import { latticeResponders } from "./fake-lattice";
import { cloudWatchResponders } from "./fake-metrics";
import { buildFleet } from "./fleet";
import type { Fleet, FleetOptions } from "./fleet";
import type { Responders } from "./responders";

// The benchmark may run on Node 20; the handlers run on Node 22 in Lambda.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/** Added to every call unless `latencyMs` says otherwise. */
export const DEFAULT_LATENCY_MS = 40;

export interface FakeAwsOptions extends FleetOptions {
  /** Lattice services in the fleet. */
  readonly services: number;
  /** Milliseconds each call waits before it is answered. @default DEFAULT_LATENCY_MS */
  readonly latencyMs?: number;
  /** The one DynamoDB table. @default "bench-state" */
  readonly tableName?: string;
  /** The one event bus. @default "bench-bus" */
  readonly eventBusName?: string;
}

/** The four mocked clients. */
export interface FakeClients {
  readonly lattice: VPCLatticeClient;
  readonly cloudWatch: CloudWatchClient;
  readonly eventBridge: EventBridgeClient;
  readonly dynamo: DynamoDBClient;
}

export interface FakeAws {
  readonly fleet: Fleet;
  readonly clients: FakeClients;
  readonly latencyMs: number;
  readonly tableName: string;
  readonly eventBusName: string;
  /** The DynamoDB table's contents. */
  readonly table: FakeTable;
  /** Every PutEvents entry accepted, in order. */
  readonly published: readonly PutEventsRequestEntry[];
  /** Calls made since creation or the last `resetCalls()`, by operation (refused ones included). */
  calls(): CallCounts;
  /** The sum of `calls()`. */
  totalCalls(): number;
  /**
   * Why each call refused since creation or the last `resetCalls()` failed
   * (`GetService: fake AWS: ... has no fake ...`), so a caller that swallows
   * per-service errors cannot hide a missing fake.
   */
  refusals(): readonly string[];
  /** Starts counting calls and refusals from zero. */
  resetCalls(): void;
  /** Puts the clients' own `send` back. */
  restore(): void;
}

interface Command {
  readonly input?: unknown;
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** Builds a fleet of `options.services` services and the fake AWS that serves it. */
export function createFakeAws(options: FakeAwsOptions): FakeAws {
  const latencyMs = options.latencyMs ?? DEFAULT_LATENCY_MS;
  const tableName = options.tableName ?? "bench-state";
  const eventBusName = options.eventBusName ?? "bench-bus";
  const fleet = buildFleet(options.services, options);
  const table = new FakeTable(tableName);
  const published: PutEventsRequestEntry[] = [];
  let counter = new CallCounter();
  let refused: string[] = [];

  const config = {
    region: fleet.region,
    endpoint: "http://127.0.0.1:9",
    credentials: { accessKeyId: "fake", secretAccessKey: "fake" },
    maxAttempts: 1,
  };
  const clients: FakeClients = {
    lattice: new VPCLatticeClient(config),
    cloudWatch: new CloudWatchClient(config),
    eventBridge: new EventBridgeClient(config),
    dynamo: new DynamoDBClient(config),
  };

  let requestNumber = 0;
  const install = (clientName: string, client: Parameters<typeof mockClient>[0], responders: Responders) => {
    const stub = mockClient(client);
    const answer = async (command: Command): Promise<unknown> => {
      const operation = operationName(command);
      counter.record(operation);
      await sleep(latencyMs);
      try {
        const responder = responders[operation] as ((input: unknown) => unknown) | undefined;
        if (!responder) throw new Error(`fake AWS: ${clientName} has no fake for ${operation}; add one under scripts/bench/`);
        const body = responder(command.input) as object;
        const requestId = `fake-${(++requestNumber).toString(16).padStart(8, "0")}`;
        return { ...body, $metadata: { httpStatusCode: 200, requestId, attempts: 1, totalRetryDelay: 0 } };
      } catch (error) {
        refused.push(`${operation}: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      }
    };
    stub.send.callsFake(answer as never);
    return stub;
  };
  const stubs = [
    install("VPCLatticeClient", clients.lattice, latticeResponders(fleet)),
    install("CloudWatchClient", clients.cloudWatch, cloudWatchResponders(fleet)),
    install("EventBridgeClient", clients.eventBridge, eventBridgeResponders(eventBusName, published)),
    install("DynamoDBClient", clients.dynamo, dynamoResponders(table)),
  ];

  return {
    fleet,
    clients,
    latencyMs,
    tableName,
    eventBusName,
    table,
    published,
    calls: () => counter.snapshot(),
    totalCalls: () => counter.total(),
    refusals: () => [...refused],
    resetCalls: () => {
      counter = new CallCounter();
      refused = [];
    },
    restore: () => stubs.forEach((s) => s.restore()),
  };
}
