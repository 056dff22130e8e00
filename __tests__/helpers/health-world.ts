/**
 * A small mocked AWS for health-monitor tests: services associated with one
 * network, each with one listener forwarding to its target groups, targets
 * with given statuses, CloudWatch answered by `metricResponder`, PutEvents
 * accepting everything (unless told otherwise), and an in-memory DynamoDB
 * table honouring the monitor's write condition.
 */
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { BatchGetItemCommand, DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import type { PutEventsRequestEntry, PutEventsResultEntry } from "@aws-sdk/client-eventbridge";
import {
  GetListenerCommand,
  ListListenersCommand,
  ListRulesCommand,
  ListServiceNetworkServiceAssociationsCommand,
  ListTargetsCommand,
  VPCLatticeClient,
} from "@aws-sdk/client-vpc-lattice";
import type { ServiceNetworkServiceAssociationSummary } from "@aws-sdk/client-vpc-lattice";
import { mockClient } from "aws-sdk-client-mock";

import type { HealthMonitorDeps } from "../../lambdas/health-monitor/deps";
import type { TopologyCache } from "../../lambdas/health-monitor/topology/cache";
import type { Log } from "../../lambdas/shared/logger";
import { NETWORK_ID, association, metricResponder, serviceId } from "./lattice-fixtures";
import type { FakeServiceMetrics } from "./lattice-fixtures";
import { runtimeConfig } from "./runtime-config";

export interface WorldTargetGroup {
  readonly id: string;
  readonly weight?: number;
  /** One `ListTargets` status per target. */
  readonly statuses: readonly string[];
}

export interface WorldService {
  readonly id: string;
  readonly name: string;
  readonly associationStatus?: ServiceNetworkServiceAssociationSummary["status"];
  readonly targetGroups: readonly WorldTargetGroup[];
  readonly metrics?: FakeServiceMetrics;
  /** Makes `ListListeners` of this service fail. */
  readonly topologyError?: Error;
}

/** The table name tests pass; the fake answers for any name. */
export const TABLE = "sl-lifecycle";

/** The time of the first check in the tests. */
export const CHECK_TIME = new Date("2025-03-01T12:07:42Z");

/** A busy service: 1,000 requests over five minutes, 2 of them 5xx, p99 at most 150 ms. */
export const BUSY_METRICS: FakeServiceMetrics = {
  requests: [200, 200, 200, 200, 200],
  errors: [1, 0, 1, 0, 0],
  clientErrors: [5, 5, 0, 0, 0],
  p99: [120, 150, 90, 100, 110],
};

export const ALL_HEALTHY = ["HEALTHY", "HEALTHY", "HEALTHY"];

/** Service `n` (named `sl-svc-<n>` unless given), busy, with one target group of three healthy targets. */
export function worldService(n: number, name = `sl-svc-${n}`, overrides: Partial<WorldService> = {}): WorldService {
  return {
    id: serviceId(n),
    name,
    targetGroups: [{ id: `tg-${serviceId(n).slice(4)}`, statuses: ALL_HEALTHY }],
    metrics: BUSY_METRICS,
    ...overrides,
  };
}

/**
 * What `runHealthCheck` needs, against the mocked clients: the fixture config
 * (sl-orders configured; other services judged by the defaults), the check at
 * CHECK_TIME, and no waiting between PutEvents attempts.
 */
export function monitorDeps(
  context: { readonly logger: Log; readonly topologyCache: TopologyCache },
  overrides: Partial<HealthMonitorDeps> = {}
): HealthMonitorDeps {
  return {
    lattice: new VPCLatticeClient({ region: "eu-west-1" }),
    cloudWatch: new CloudWatchClient({ region: "eu-west-1" }),
    eventBridge: new EventBridgeClient({ region: "eu-west-1" }),
    dynamo: new DynamoDBClient({ region: "eu-west-1" }),
    config: runtimeConfig(),
    eventBusName: "lifecycle-bus",
    tableName: TABLE,
    serviceNetworkIdentifier: NETWORK_ID,
    now: () => CHECK_TIME,
    publishOptions: { sleep: async () => undefined },
    ...context,
    ...overrides,
  };
}

export const latticeMock = mockClient(VPCLatticeClient);
export const cloudWatchMock = mockClient(CloudWatchClient);
export const eventBridgeMock = mockClient(EventBridgeClient);
export const dynamoMock = mockClient(DynamoDBClient);

/** The rows of the fake table, by `pk`. */
export const table = new Map<string, Record<string, AttributeValue>>();

/** Decides the result of each PutEvents entry; the default accepts all. */
export type EntryJudge = (entry: PutEventsRequestEntry, attempt: number) => PutEventsResultEntry;

export function resetWorld(): void {
  latticeMock.reset();
  cloudWatchMock.reset();
  eventBridgeMock.reset();
  dynamoMock.reset();
  table.clear();
}

function listenerOf(serviceId: string): string {
  return `listener-${serviceId.slice(4)}`;
}

/** Installs the fakes for `services`; call again to change the world between runs. */
export function givenWorld(services: readonly WorldService[], judgeEntry?: EntryJudge): void {
  const byId = new Map(services.map((s) => [s.id, s]));
  const groups = new Map(services.flatMap((s) => s.targetGroups.map((g) => [g.id, g] as const)));
  const items = services.map((s) => association(s.id, s.name, s.associationStatus ?? "ACTIVE"));

  latticeMock.reset();
  latticeMock.on(ListServiceNetworkServiceAssociationsCommand).callsFake((input) => {
    const start = Number(input.nextToken ?? 0);
    const size = input.maxResults ?? 100;
    const next = start + size < items.length ? String(start + size) : undefined;
    return { items: items.slice(start, start + size), nextToken: next };
  });
  latticeMock.on(ListListenersCommand).callsFake((input) => {
    const service = byId.get(input.serviceIdentifier);
    if (service?.topologyError) {
      throw service.topologyError;
    }
    const id = listenerOf(input.serviceIdentifier);
    return { items: [{ id, arn: `arn:aws:vpc-lattice:eu-west-1:111122223333:service/${input.serviceIdentifier}/listener/${id}`, name: "https", port: 443, protocol: "HTTPS" }] };
  });
  latticeMock.on(GetListenerCommand).callsFake((input) => {
    const service = byId.get(input.serviceIdentifier);
    return {
      id: input.listenerIdentifier,
      defaultAction: {
        forward: {
          targetGroups: (service?.targetGroups ?? []).map((g) => ({ targetGroupIdentifier: g.id, weight: g.weight ?? 100 })),
        },
      },
    };
  });
  latticeMock.on(ListRulesCommand).callsFake((input) => ({
    items: [{ id: `rule-${input.serviceIdentifier.slice(4)}`, isDefault: true, name: "default" }],
  }));
  latticeMock.on(ListTargetsCommand).callsFake((input) => {
    const group = groups.get(input.targetGroupIdentifier);
    if (!group) {
      throw Object.assign(new Error(`Target group ${input.targetGroupIdentifier} not found`), { name: "ResourceNotFoundException" });
    }
    return { items: group.statuses.map((status, i) => ({ id: `10.0.0.${i + 1}`, port: 8080, status })) };
  });

  cloudWatchMock.reset();
  cloudWatchMock
    .on(GetMetricDataCommand)
    .callsFake(metricResponder(Object.fromEntries(services.map((s) => [s.id, s.metrics ?? {}]))));

  const attempts = new Map<string, number>();
  eventBridgeMock.reset();
  eventBridgeMock.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => {
    const results = input.Entries.map((entry, i) => {
      const key = `${entry.DetailType}|${entry.Detail}`;
      const attempt = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, attempt);
      return judgeEntry ? judgeEntry(entry, attempt) : { EventId: `evt-${i}` };
    });
    return { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results };
  });

  dynamoMock.reset();
  dynamoMock.on(BatchGetItemCommand).callsFake((input) => {
    const [[name, request]] = Object.entries(input.RequestItems as Record<string, { Keys: Record<string, AttributeValue>[] }>);
    return {
      Responses: {
        [name]: request.Keys.map((k) => table.get(k.pk.S as string)).filter((item) => item !== undefined),
      },
    };
  });
  dynamoMock.on(PutItemCommand).callsFake((input) => {
    const item = input.Item as Record<string, AttributeValue>;
    const stored = table.get(item.pk.S as string);
    // The monitor's condition: no row, no string lastCheckAt, an older one, or (replacing a malformed row) the one it read.
    const storedAt = stored?.lastCheckAt?.S;
    const seen = input.ExpressionAttributeValues[":seen"]?.S;
    const replaceable = storedAt === seen || storedAt! < (input.ExpressionAttributeValues[":checkAt"].S as string);
    if (stored && storedAt !== undefined && !replaceable) {
      throw Object.assign(new Error("The conditional request failed"), { name: "ConditionalCheckFailedException" });
    }
    table.set(item.pk.S as string, item);
    return {};
  });
}

/** The parsed details of sent entries of one detail type, in order. */
export function sentDetails<T>(detailType: string): T[] {
  return sentEntries()
    .filter((e) => e.DetailType === detailType)
    .map((e) => JSON.parse(e.Detail ?? "{}") as T);
}

/** Every entry PutEvents was asked to publish, in order (resends included). */
export function sentEntries(): PutEventsRequestEntry[] {
  return eventBridgeMock.commandCalls(PutEventsCommand).flatMap((c) => c.args[0].input.Entries ?? []);
}

/** The parsed details of sent entries of one detail type, by service name (the last one wins). */
export function detailsOf<T extends { serviceName: string }>(detailType: string): Record<string, T> {
  return Object.fromEntries(
    sentEntries()
      .filter((e) => e.DetailType === detailType)
      .map((e) => {
        const detail = JSON.parse(e.Detail ?? "{}") as T;
        return [detail.serviceName, detail];
      })
  );
}
