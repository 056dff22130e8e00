import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { BatchGetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { GetListenerCommand, ListListenersCommand, ListServiceNetworkServiceAssociationsCommand, ListTargetsCommand } from "@aws-sdk/client-vpc-lattice";
import "aws-sdk-client-mock-jest";

import type { HealthMonitorDeps } from "../../../lambdas/health-monitor/deps";
import { runHealthCheck } from "../../../lambdas/health-monitor/monitor";
import { healthKey } from "../../../lambdas/health-monitor/state/store";
import { TopologyCache } from "../../../lambdas/health-monitor/topology/cache";
import { TargetHealthCache } from "../../../lambdas/health-monitor/topology/target-cache";
import { CallCounter, instrument } from "../../../lambdas/shared/aws-calls";
import { DETAIL_TYPES, EVENT_SOURCES } from "../../../lambdas/shared/events";
import { parseHealthChangedDetail, parseHealthCheckDetail } from "../../../lambdas/shared/health-events";
import type { HealthChangedDetail, HealthCheckDetail } from "../../../lambdas/shared/health-events";
import { PublishEventsError } from "../../../lambdas/shared/publish";
import { ALL_HEALTHY, BUSY_METRICS, CHECK_TIME, table, cloudWatchMock, detailsOf, dynamoMock, eventBridgeMock, givenWorld, latticeMock, monitorDeps, resetWorld, sentEntries, worldService } from "../../helpers/health-world";
import type { WorldService } from "../../helpers/health-world";
import { serviceId } from "../../helpers/lattice-fixtures";
import { recordingLogger } from "../../helpers/log-recorder";
import type { LogRecorder } from "../../helpers/log-recorder";
import { SERVICE_HEALTH, ecsService, runtimeConfig } from "../../helpers/runtime-config";

const NOW = CHECK_TIME;
const BUSY = BUSY_METRICS;

let logger: LogRecorder;
let cache: TopologyCache;

const service = (n: number, name: string, overrides: Partial<WorldService> = {}): WorldService => worldService(n, name, overrides);

function deps(overrides: Partial<HealthMonitorDeps> = {}): HealthMonitorDeps {
  return monitorDeps({ logger, topologyCache: cache }, overrides);
}

function checks(): Record<string, HealthCheckDetail> {
  return detailsOf<HealthCheckDetail>(DETAIL_TYPES.healthCheck);
}

function changes(): Record<string, HealthChangedDetail> {
  return detailsOf<HealthChangedDetail>(DETAIL_TYPES.healthChanged);
}

function minutesLater(minutes: number): () => Date {
  return () => new Date(NOW.getTime() + minutes * 60_000);
}

beforeEach(() => {
  resetWorld();
  logger = recordingLogger();
  cache = new TopologyCache(15 * 60_000);
});

describe("runHealthCheck", () => {
  it("checks nothing and publishes nothing in an empty network", async () => {
    givenWorld([]);
    const summary = await runHealthCheck(deps());
    expect(summary).toMatchObject({ servicesChecked: 0, eventsPublished: 0, statusChanges: 0, serviceFailures: 0 });
    expect(cloudWatchMock).not.toHaveReceivedCommand(GetMetricDataCommand);
    expect(eventBridgeMock).not.toHaveReceivedCommand(PutEventsCommand);
    expect(dynamoMock).not.toHaveReceivedCommand(PutItemCommand);
  });

  it("publishes a v2 Service Health Check event per service, valid against the shared schema", async () => {
    givenWorld([service(1, "sl-orders"), service(2, "sl-billing")]);
    await runHealthCheck(deps());
    const entries = sentEntries().filter((e) => e.DetailType === DETAIL_TYPES.healthCheck);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      EventBusName: "lifecycle-bus",
      Source: EVENT_SOURCES.healthMonitor,
      Resources: [`arn:aws:vpc-lattice:eu-west-1:111122223333:service/${serviceId(1)}`],
    });
    for (const entry of entries) {
      expect(parseHealthCheckDetail(JSON.parse(entry.Detail ?? ""))).toMatchObject({ ok: true });
    }
    expect(checks()["sl-orders"]).toEqual({
      schemaVersion: 2,
      serviceId: serviceId(1),
      serviceName: "sl-orders",
      serviceArn: `arn:aws:vpc-lattice:eu-west-1:111122223333:service/${serviceId(1)}`,
      status: "healthy",
      observedStatus: "healthy",
      pendingChecks: 0,
      reasons: [
        "healthyTargetShare 1 >= minHealthyTargetShare 0.5 (HEALTHY 3 of 3 health-checked targets in 1 target group)",
        "errorRate 0.002 <= maxErrorRate 0.02 (HTTPCode_5XX_Count 2 of TotalRequestCount 1000)",
        "RequestTime p99 150 ms <= maxP99LatencyMs 500 ms",
      ],
      requestCount: 1000,
      errorCount: 2,
      clientErrorCount: 10,
      errorRate: 0.002,
      p99LatencyMs: 150,
      targets: { healthyShare: 1, targetGroups: 1, healthy: 3, unhealthy: 0, unavailable: 0, draining: 0, initial: 0, unused: 0, other: 0 },
      windowMinutes: 5,
      timestamp: "2025-03-01T12:07:42.000Z",
    });
  });

  it("publishes Service Health Changed the first time a service is seen, and stores its verdict", async () => {
    givenWorld([service(1, "sl-orders")]);
    const summary = await runHealthCheck(deps());
    const changed = changes()["sl-orders"];
    expect(parseHealthChangedDetail(changed)).toMatchObject({ ok: true });
    expect(changed).toMatchObject({ schemaVersion: 1, previousStatus: null, previousSince: null, status: "healthy", confirmedByChecks: 1 });
    expect(summary.statusChanges).toBe(1);
    expect(table.get(healthKey(serviceId(1)))).toMatchObject({ status: { S: "healthy" }, lastCheckAt: { S: NOW.toISOString() } });
  });

  it("publishes no change and writes nothing in a steady state", async () => {
    givenWorld([service(1, "sl-orders")]);
    await runHealthCheck(deps());
    givenWorld([service(1, "sl-orders")]);
    const summary = await runHealthCheck(deps({ now: minutesLater(5) }));
    expect(Object.keys(changes())).toEqual([]);
    expect(dynamoMock).not.toHaveReceivedCommand(PutItemCommand);
    expect(summary.statusChanges).toBe(0);
  });

  it("reports a service whose targets are all unhealthy as unhealthy and publishes the transition", async () => {
    givenWorld([service(1, "sl-orders")]);
    await runHealthCheck(deps());
    givenWorld([service(1, "sl-orders", { targetGroups: [{ id: `tg-${serviceId(1).slice(4)}`, statuses: ["UNHEALTHY", "UNHEALTHY"] }] })]);
    await runHealthCheck(deps({ now: minutesLater(5) }));
    expect(checks()["sl-orders"]).toMatchObject({ status: "unhealthy", observedStatus: "unhealthy" });
    expect(checks()["sl-orders"].reasons[0]).toMatch(/^healthyTargetShare 0 < minHealthyTargetShare 0.5/);
    expect(changes()["sl-orders"]).toMatchObject({ previousStatus: "healthy", status: "unhealthy", previousSince: NOW.toISOString() });
  });

  it("changes the reported status only after consecutiveChecks checks agree", async () => {
    const config = runtimeConfig({ services: [ecsService("orders", { health: { ...SERVICE_HEALTH, consecutiveChecks: 3 } })] });
    const slow = { ...BUSY, p99: [900, 900, 900, 900, 900] };
    givenWorld([service(1, "sl-orders")]);
    await runHealthCheck(deps({ config }));
    const reported: [string, string, number][] = [];
    for (const minute of [5, 10, 15]) {
      givenWorld([service(1, "sl-orders", { metrics: slow })]);
      await runHealthCheck(deps({ config, now: minutesLater(minute) }));
      const detail = checks()["sl-orders"];
      reported.push([detail.status, detail.observedStatus, detail.pendingChecks]);
    }
    expect(reported).toEqual([
      ["healthy", "degraded", 1],
      ["healthy", "degraded", 2],
      ["degraded", "degraded", 0],
    ]);
    expect(changes()["sl-orders"]).toMatchObject({ previousStatus: "healthy", status: "degraded", confirmedByChecks: 3 });
  });

  it("reports an idle service with healthy targets as healthy", async () => {
    givenWorld([service(1, "sl-orders", { metrics: { requests: [], errors: [], p99: [] } })]);
    await runHealthCheck(deps());
    expect(checks()["sl-orders"]).toMatchObject({ status: "healthy", requestCount: null, errorRate: null });
    expect(checks()["sl-orders"].reasons[0]).toMatch(/^no traffic on record/);
  });

  it("reports a service whose metric queries failed as unknown with null numbers", async () => {
    givenWorld([service(1, "sl-orders", { metrics: { requests: [100], errors: [1], p99: [100], status: "InternalError" } })]);
    const summary = await runHealthCheck(deps());
    expect(checks()["sl-orders"]).toMatchObject({ status: "unknown", requestCount: null, errorRate: null, p99LatencyMs: null });
    expect(summary.statuses.unknown).toBe(1);
  });

  it("reports every service unknown, and still publishes, when GetMetricData fails for all", async () => {
    givenWorld([service(1, "sl-orders"), service(2, "sl-billing")]);
    cloudWatchMock.on(GetMetricDataCommand).rejects(Object.assign(new Error("Service unavailable"), { name: "ServiceUnavailable" }));
    const summary = await runHealthCheck(deps());
    expect(Object.values(checks()).map((d) => d.status)).toEqual(["unknown", "unknown"]);
    expect(checks()["sl-orders"].reasons[0]).toMatch(/^GetMetricData failed: .*Service unavailable/);
    expect(summary.serviceFailures).toBe(2);
  });

  it("checks services beyond the first page of associations, 100 services per metrics call", async () => {
    const services = Array.from({ length: 150 }, (_, i) => service(i + 1, `sl-svc-${i + 1}`));
    givenWorld(services);
    const summary = await runHealthCheck(deps());
    expect(summary.servicesChecked).toBe(150);
    expect(latticeMock).toHaveReceivedCommandTimes(ListServiceNetworkServiceAssociationsCommand, 2);
    expect(cloudWatchMock).toHaveReceivedCommandTimes(GetMetricDataCommand, 2);
    expect(dynamoMock).toHaveReceivedCommandTimes(BatchGetItemCommand, 2);
    // 150 checks + 150 first-time changes, 10 per call
    expect(eventBridgeMock).toHaveReceivedCommandTimes(PutEventsCommand, 30);
    expect(Math.max(...eventBridgeMock.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries?.length ?? 0))).toBe(10);
  });

  it("skips associations that are not ACTIVE", async () => {
    givenWorld([service(1, "sl-orders"), service(2, "sl-new", { associationStatus: "CREATE_IN_PROGRESS" })]);
    const summary = await runHealthCheck(deps());
    expect(summary).toMatchObject({ servicesChecked: 1, associationsSkipped: 1 });
    expect(Object.keys(checks())).toEqual(["sl-orders"]);
    expect(latticeMock.commandCalls(ListListenersCommand).map((c) => c.args[0].input.serviceIdentifier)).toEqual([serviceId(1)]);
  });

  it("weights target groups: an all-unhealthy 10% canary leaves a 0.9 share", async () => {
    const config = runtimeConfig({ services: [ecsService("orders", { health: { ...SERVICE_HEALTH, minHealthyTargetShare: 0.95 } })] });
    givenWorld([
      service(1, "sl-orders", {
        targetGroups: [
          { id: "tg-0000000000000000a", weight: 90, statuses: ALL_HEALTHY },
          { id: "tg-0000000000000000b", weight: 10, statuses: ["UNHEALTHY", "UNHEALTHY"] },
        ],
      }),
    ]);
    await runHealthCheck(deps({ config }));
    expect(checks()["sl-orders"]).toMatchObject({ observedStatus: "unhealthy", targets: { healthyShare: 0.9, targetGroups: 2 } });
  });

  it("reuses the topology within its TTL and reads target health on every run", async () => {
    givenWorld([service(1, "sl-orders")]);
    await runHealthCheck(deps());
    givenWorld([service(1, "sl-orders")]);
    const summary = await runHealthCheck(deps({ now: minutesLater(5) }));
    expect(summary.topology).toEqual({ reused: 1, discovered: 0 });
    expect(latticeMock).not.toHaveReceivedCommand(ListListenersCommand);
    expect(latticeMock).not.toHaveReceivedCommand(GetListenerCommand);
    expect(latticeMock).toHaveReceivedCommandTimes(ListTargetsCommand, 1);
  });

  it("discovers the topology again once its TTL has passed", async () => {
    givenWorld([service(1, "sl-orders")]);
    await runHealthCheck(deps());
    givenWorld([service(1, "sl-orders")]);
    const summary = await runHealthCheck(deps({ now: minutesLater(16) }));
    expect(summary.topology).toEqual({ reused: 0, discovered: 1 });
    expect(latticeMock).toHaveReceivedCommandTimes(ListListenersCommand, 1);
  });

  it("reads a settled target group on one check in targetRefreshChecks, and an unsettled one every time", async () => {
    const targetCache = new TargetHealthCache(2, 5 * 60_000);
    const settled = service(1, "sl-a");
    const troubled = service(2, "sl-b", { targetGroups: [{ id: "tg-000000000000000bb", statuses: ["HEALTHY", "UNHEALTHY"] }] });
    const reads: string[][] = [];
    for (const minute of [0, 5, 10, 15]) {
      givenWorld([settled, troubled]);
      const summary = await runHealthCheck(deps({ targetCache, now: minutesLater(minute) }));
      reads.push(latticeMock.commandCalls(ListTargetsCommand).map((c) => String(c.args[0].input.targetGroupIdentifier)));
      expect(summary.targetGroups.read + summary.targetGroups.reused).toBe(2);
    }
    expect(reads.every((r) => r.includes("tg-000000000000000bb"))).toBe(true);
    const settledRead = reads.map((r) => r.includes(`tg-${serviceId(1).slice(4)}`));
    // read on the first run, then on every other run: never reused twice in a row
    expect(settledRead[0]).toBe(true);
    expect(settledRead.filter(Boolean).length).toBeLessThan(4);
    expect(settledRead.some((read, i) => !read && settledRead[i + 1] === false)).toBe(false);
    expect(checks()["sl-a"].targets).toMatchObject({ healthyShare: 1, healthy: 3 });
  });

  it("stops reading topology and targets at the read deadline, and still judges and publishes every service", async () => {
    givenWorld([service(1, "sl-orders"), service(2, "sl-billing")]);
    let now = 1_000;
    latticeMock.on(ListTargetsCommand).callsFake(() => {
      // reading the first service's targets takes the run past its deadline
      now = 2_000;
      return { items: [{ id: "10.0.0.1", port: 8080, status: "HEALTHY" }] };
    });
    const summary = await runHealthCheck(
      deps({
        config: runtimeConfig({ healthMonitor: { ...runtimeConfig().healthMonitor, concurrency: 1 } }),
        readDeadline: 1_500,
        clock: () => now,
      })
    );
    expect(latticeMock).toHaveReceivedCommandTimes(ListListenersCommand, 1);
    expect(summary).toMatchObject({ servicesChecked: 2, serviceFailures: 1 });
    expect(checks()["sl-billing"]).toMatchObject({ observedStatus: "healthy", targets: null });
    expect(checks()["sl-billing"].reasons).toContain("targets: not read: the run's time for reading topology and targets ran out");
  });

  it("reads a target group shared by two services once", async () => {
    const shared = [{ id: "tg-000000000000000ff", statuses: ALL_HEALTHY }];
    givenWorld([service(1, "sl-a", { targetGroups: shared }), service(2, "sl-b", { targetGroups: shared })]);
    await runHealthCheck(deps());
    expect(latticeMock).toHaveReceivedCommandTimes(ListTargetsCommand, 1);
  });

  it("isolates one service's topology failure: it is reported and the others are judged", async () => {
    const throttled = Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });
    givenWorld([service(1, "sl-orders", { topologyError: throttled }), service(2, "sl-billing")]);
    const summary = await runHealthCheck(deps());
    expect(summary.serviceFailures).toBe(1);
    expect(checks()["sl-billing"].status).toBe("healthy");
    expect(checks()["sl-orders"]).toMatchObject({ status: "healthy", targets: null });
    expect(checks()["sl-orders"].reasons).toContain("targets: topology could not be read: ThrottlingException: Rate exceeded");
    expect(logger.at("error").map((e) => e.message)).toContain("Topology could not be read");
  });

  it("rediscovers a cached topology whose target group disappeared", async () => {
    givenWorld([service(1, "sl-orders")]);
    await runHealthCheck(deps());
    givenWorld([service(1, "sl-orders", { targetGroups: [{ id: "tg-0000000000000000c", statuses: ALL_HEALTHY }] })]);
    const stale = await runHealthCheck(deps({ now: minutesLater(5) }));
    expect(stale.serviceFailures).toBe(1);
    expect(checks()["sl-orders"].reasons.join("\n")).toMatch(/not found/);
    givenWorld([service(1, "sl-orders", { targetGroups: [{ id: "tg-0000000000000000c", statuses: ALL_HEALTHY }] })]);
    const fresh = await runHealthCheck(deps({ now: minutesLater(10) }));
    expect(fresh).toMatchObject({ serviceFailures: 0, topology: { discovered: 1 } });
  });

  it("reports unknown and changes nothing when a service's state cannot be read", async () => {
    givenWorld([service(1, "sl-orders")]);
    dynamoMock.on(BatchGetItemCommand).rejects(Object.assign(new Error("denied"), { name: "AccessDeniedException" }));
    const summary = await runHealthCheck(deps());
    expect(checks()["sl-orders"]).toMatchObject({ status: "unknown", observedStatus: "healthy" });
    expect(checks()["sl-orders"].reasons.at(-1)).toMatch(/^state: BatchGetItem failed: .*denied; reported unknown$/);
    expect(Object.keys(changes())).toEqual([]);
    expect(dynamoMock).not.toHaveReceivedCommand(PutItemCommand);
    expect(summary.serviceFailures).toBe(1);
  });

  it("resends entries PutEvents rejected once, and they land", async () => {
    givenWorld([service(1, "sl-orders"), service(2, "sl-billing")], (entry, attempt) =>
      attempt === 1 && entry.DetailType === DETAIL_TYPES.healthChanged
        ? { ErrorCode: "ThrottlingException", ErrorMessage: "Rate exceeded" }
        : { EventId: "evt" }
    );
    const summary = await runHealthCheck(deps());
    expect(summary.eventsPublished).toBe(4);
    expect(summary.statusChanges).toBe(2);
    expect(table.size).toBe(2);
  });

  it("fails the run when entries still fail, after writing only the rows whose events landed", async () => {
    givenWorld([service(1, "sl-orders"), service(2, "sl-billing")], (entry) =>
      entry.DetailType === DETAIL_TYPES.healthChanged && entry.Detail?.includes("sl-billing")
        ? { ErrorCode: "InternalFailure", ErrorMessage: "try again" }
        : { EventId: "evt" }
    );
    await expect(runHealthCheck(deps())).rejects.toBeInstanceOf(PublishEventsError);
    expect([...table.keys()]).toEqual([healthKey(serviceId(1))]);
    expect(logger.at("error").map((e) => e.message)).toContain("Health events were not all published");
  });

  it("does not overwrite a newer verdict written by an overlapping run", async () => {
    givenWorld([service(1, "sl-orders")]);
    await runHealthCheck(deps({ now: minutesLater(10) }));
    givenWorld([service(1, "sl-orders", { targetGroups: [{ id: `tg-${serviceId(1).slice(4)}`, statuses: ["UNHEALTHY"] }] })]);
    const older = await runHealthCheck(deps({ now: minutesLater(5), config: runtimeConfig() }));
    expect(table.get(healthKey(serviceId(1)))).toMatchObject({ status: { S: "healthy" } });
    expect(older.statusChanges).toBe(0);
  });

  it("counts API calls by operation through instrumented clients", async () => {
    givenWorld([service(1, "sl-orders")]);
    const counter = new CallCounter();
    const d = deps();
    const summary = await runHealthCheck({
      ...d,
      lattice: instrument(d.lattice, counter),
      cloudWatch: instrument(d.cloudWatch, counter),
      eventBridge: instrument(d.eventBridge, counter),
      dynamo: instrument(d.dynamo, counter),
      counter,
    });
    expect(summary.apiCalls).toEqual({
      ListServiceNetworkServiceAssociations: 1,
      ListListeners: 1,
      GetListener: 1,
      ListRules: 1,
      ListTargets: 1,
      GetMetricData: 1,
      BatchGetItem: 1,
      PutEvents: 1,
      PutItem: 1,
    });
    expect(summary.apiCallsTotal).toBe(9);
  });

  it("judges a service shared in from another account by the default thresholds", async () => {
    // 3% errors breach sl-orders' 2% but not the default 5%
    const metrics = { requests: [1000], errors: [30], p99: [100] };
    givenWorld([service(1, "sl-orders", { metrics })]);
    latticeMock.on(ListServiceNetworkServiceAssociationsCommand).resolves({
      items: [
        {
          id: "snsa-00000000000000001",
          status: "ACTIVE",
          serviceId: serviceId(1),
          serviceName: "sl-orders",
          serviceArn: `arn:aws:vpc-lattice:eu-west-1:444455556666:service/${serviceId(1)}`,
        },
      ],
    });
    const summary = await runHealthCheck(deps());
    expect(checks()["sl-orders"].observedStatus).toBe("healthy");
    // Its target groups belong to the other account: not asked for, and not a failure.
    expect(latticeMock).not.toHaveReceivedCommand(ListListenersCommand);
    expect(latticeMock).not.toHaveReceivedCommand(ListTargetsCommand);
    expect(checks()["sl-orders"].reasons).toContain(
      "targets: the service belongs to account 444455556666; its target groups cannot be read from this account"
    );
    expect(summary.serviceFailures).toBe(0);
  });
});
