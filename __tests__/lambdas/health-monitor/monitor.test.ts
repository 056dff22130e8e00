import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { ListServiceNetworkServiceAssociationsCommand, VPCLatticeClient } from "@aws-sdk/client-vpc-lattice";
import { mockClient } from "aws-sdk-client-mock";

import { runHealthCheck } from "../../../lambdas/health-monitor/monitor";
import type { HealthMonitorDeps } from "../../../lambdas/health-monitor/monitor";
import { DETAIL_TYPES, EVENT_SOURCES } from "../../../lambdas/shared/events";
import type { HealthCheckDetail } from "../../../lambdas/shared/events";
import { NETWORK_ID, association, metricResponder, serviceId } from "../../helpers/lattice-fixtures";
import type { FakeServiceMetrics } from "../../helpers/lattice-fixtures";
import { recordingLogger } from "../../helpers/log-recorder";
import { runtimeConfig } from "../../helpers/runtime-config";

const latticeMock = mockClient(VPCLatticeClient);
const cloudWatchMock = mockClient(CloudWatchClient);
const eventBridgeMock = mockClient(EventBridgeClient);
const NOW = new Date("2025-03-01T12:07:42Z");

function deps(overrides: Partial<HealthMonitorDeps> = {}): HealthMonitorDeps {
  return {
    lattice: new VPCLatticeClient({ region: "eu-west-1" }),
    cloudWatch: new CloudWatchClient({ region: "eu-west-1" }),
    eventBridge: new EventBridgeClient({ region: "eu-west-1" }),
    // sl-orders is configured (maxErrorRate 0.02, p99 500 ms, minRequests 100);
    // others fall back to the defaults (0.05, 1000 ms, 10)
    config: runtimeConfig(),
    eventBusName: "lifecycle-bus",
    serviceNetworkIdentifier: NETWORK_ID,
    logger: recordingLogger(),
    now: () => NOW,
    publishOptions: { sleep: async () => undefined },
    ...overrides,
  };
}

function givenNetwork(services: [string, string][], metrics: Record<string, FakeServiceMetrics>): void {
  latticeMock
    .on(ListServiceNetworkServiceAssociationsCommand)
    .resolves({ items: services.map(([id, name]) => association(id, name)) });
  cloudWatchMock.on(GetMetricDataCommand).callsFake(metricResponder(metrics));
  eventBridgeMock.on(PutEventsCommand).callsFake((input) => ({
    FailedEntryCount: 0,
    Entries: input.Entries.map((_: unknown, i: number) => ({ EventId: `evt-${i}` })),
  }));
}

/** Every published detail, by service name. */
function publishedDetails(): Record<string, HealthCheckDetail> {
  const entries = eventBridgeMock.commandCalls(PutEventsCommand).flatMap((c) => c.args[0].input.Entries ?? []);
  return Object.fromEntries(
    entries.map((e) => {
      const detail = JSON.parse(e.Detail ?? "{}") as HealthCheckDetail;
      return [detail.serviceName, detail];
    })
  );
}

beforeEach(() => {
  latticeMock.reset();
  cloudWatchMock.reset();
  eventBridgeMock.reset();
});

describe("Function: runHealthCheck", () => {
  test("publishes one event per service", async () => {
    // Arrange
    givenNetwork(
      [
        [serviceId(1), "sl-orders"],
        [serviceId(2), "sl-billing"],
        [serviceId(3), "sl-users"],
      ],
      {
        [serviceId(1)]: { requests: [1000], errors: [1], p99: [100] },
        [serviceId(2)]: { requests: [1000], errors: [1], p99: [100] },
        [serviceId(3)]: { requests: [1000], errors: [1], p99: [100] },
      }
    );

    // Act
    await runHealthCheck(deps());

    // Assert
    const entries = eventBridgeMock.commandCalls(PutEventsCommand).flatMap((c) => c.args[0].input.Entries ?? []);
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatchObject({
      EventBusName: "lifecycle-bus",
      Source: EVENT_SOURCES.healthMonitor,
      DetailType: DETAIL_TYPES.healthCheck,
      Resources: [`arn:aws:vpc-lattice:eu-west-1:111122223333:service/${serviceId(1)}`],
    });
  });

  test("publishes the full detail with JSON numbers", async () => {
    // Arrange
    givenNetwork([[serviceId(1), "sl-orders"]], { [serviceId(1)]: { requests: [600, 400], errors: [10], p99: [120] } });

    // Act
    await runHealthCheck(deps());

    // Assert
    expect(publishedDetails()["sl-orders"]).toEqual({
      schemaVersion: 1,
      serviceId: serviceId(1),
      serviceName: "sl-orders",
      status: "healthy",
      reasons: [
        "errorRate 0.01 <= maxErrorRate 0.02 (HTTPCode_5XX_Count 10 of TotalRequestCount 1000)",
        "RequestTime p99 120 ms <= maxP99LatencyMs 500 ms",
      ],
      requestCount: 1000,
      errorRate: 0.01,
      p99LatencyMs: 120,
      windowMinutes: 5,
      timestamp: "2025-03-01T12:07:42.000Z",
    });
  });

  test("classifies a service whose metrics came back empty as unknown with null numbers", async () => {
    // Arrange
    givenNetwork([[serviceId(1), "sl-orders"]], { [serviceId(1)]: { requests: [], errors: [], p99: [] } });

    // Act
    const summary = await runHealthCheck(deps());

    // Assert
    expect(publishedDetails()["sl-orders"]).toMatchObject({
      status: "unknown",
      requestCount: null,
      errorRate: null,
      p99LatencyMs: null,
    });
    expect(summary.statuses).toEqual({ healthy: 0, degraded: 0, unhealthy: 0, unknown: 1 });
  });

  test("uses the configured service's thresholds, and the defaults for other services", async () => {
    // Arrange: 3% errors breach sl-orders' 2% but not the default 5%
    const metrics = { requests: [1000], errors: [30], p99: [100] };
    givenNetwork(
      [
        [serviceId(1), "sl-orders"],
        [serviceId(2), "sl-unlisted"],
      ],
      {
        [serviceId(1)]: metrics,
        [serviceId(2)]: metrics,
      }
    );

    // Act
    await runHealthCheck(deps());

    // Assert
    const details = publishedDetails();
    expect(details["sl-orders"].status).toBe("unhealthy");
    expect(details["sl-unlisted"].status).toBe("healthy");
  });

  test("judges a service shared in from another account by the defaults, even under a configured name", async () => {
    // Arrange: 3% errors breach sl-orders' 2% but not the default 5%
    const foreign = { ...association(serviceId(3), "sl-orders") };
    foreign.serviceArn = `arn:aws:vpc-lattice:eu-west-1:444455556666:service/${serviceId(3)}`;
    latticeMock.on(ListServiceNetworkServiceAssociationsCommand).resolves({ items: [foreign] });
    cloudWatchMock.on(GetMetricDataCommand).callsFake(metricResponder({ [serviceId(3)]: { requests: [1000], errors: [30], p99: [100] } }));
    eventBridgeMock.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: "evt-0" }] });

    // Act
    await runHealthCheck(deps());

    // Assert
    expect(publishedDetails()["sl-orders"].status).toBe("healthy");
  });

  test("returns counts per status and the window", async () => {
    // Arrange
    givenNetwork(
      [
        [serviceId(1), "sl-a"],
        [serviceId(2), "sl-b"],
        [serviceId(3), "sl-c"],
        [serviceId(4), "sl-d"],
      ],
      {
        [serviceId(1)]: { requests: [1000], errors: [0], p99: [100] },
        [serviceId(2)]: { requests: [1000], errors: [900], p99: [100] },
        [serviceId(3)]: { requests: [1000], errors: [0], p99: [5000] },
      }
    );

    // Act
    const summary = await runHealthCheck(deps());

    // Assert
    expect(summary).toEqual({
      servicesChecked: 4,
      associationsSkipped: 0,
      statuses: { healthy: 1, degraded: 1, unhealthy: 1, unknown: 1 },
      eventsPublished: 4,
      windowStart: "2025-03-01T12:02:00.000Z",
      windowEnd: "2025-03-01T12:07:00.000Z",
    });
  });

  test("does not check services whose association is not ACTIVE", async () => {
    // Arrange
    givenNetwork([[serviceId(1), "sl-orders"]], { [serviceId(1)]: { requests: [1000], errors: [0], p99: [100] } });
    latticeMock.on(ListServiceNetworkServiceAssociationsCommand).resolves({
      items: [association(serviceId(1), "sl-orders"), association(serviceId(2), "sl-new", "CREATE_IN_PROGRESS")],
    });

    // Act
    const summary = await runHealthCheck(deps());

    // Assert
    expect(Object.keys(publishedDetails())).toEqual(["sl-orders"]);
    expect(summary.associationsSkipped).toBe(1);
    const queried = cloudWatchMock.commandCalls(GetMetricDataCommand)[0].args[0].input.MetricDataQueries ?? [];
    expect(queried.every((q) => q.MetricStat?.Metric?.Dimensions?.[0].Value === serviceId(1))).toBe(true);
  });

  test("marks the services of a failed metrics call unknown and still publishes the others", async () => {
    // Arrange: 170 services need 2 calls; the first fails
    const services = Array.from({ length: 170 }, (_, i): [string, string] => [serviceId(i), `sl-svc-${i}`]);
    const metrics = Object.fromEntries(services.map(([id]) => [id, { requests: [1000], errors: [0], p99: [100] }]));
    givenNetwork(services, metrics);
    cloudWatchMock
      .on(GetMetricDataCommand)
      .rejectsOnce(Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" }))
      .callsFake(metricResponder(metrics));

    // Act
    const summary = await runHealthCheck(deps());

    // Assert
    const details = publishedDetails();
    expect(details["sl-svc-0"]).toMatchObject({
      status: "unknown",
      reasons: ["GetMetricData failed: ThrottlingException: Rate exceeded"],
    });
    expect(details["sl-svc-169"].status).toBe("healthy");
    expect(summary.statuses).toMatchObject({ unknown: 166, healthy: 4 });
    expect(eventBridgeMock).toHaveReceivedCommandTimes(PutEventsCommand, 17);
  });

  test("classifies a service whose metrics are still PartialData after the last page as unknown", async () => {
    // Arrange: 40 requests of an unknown total would otherwise read as idle, so healthy
    givenNetwork([[serviceId(1), "sl-orders"]], {
      [serviceId(1)]: { requests: [40], errors: [0], p99: [120], status: "PartialData" },
    });

    // Act
    await runHealthCheck(deps());

    // Assert
    expect(publishedDetails()["sl-orders"]).toMatchObject({
      status: "unknown",
      reasons: [
        "TotalRequestCount: incomplete data, the query is still PartialData after the last page read; 1 data point ignored",
      ],
      requestCount: null,
      errorRate: null,
      p99LatencyMs: null,
    });
  });

  test("classifies a service unknown when GetMetricData keeps returning a NextToken seen before", async () => {
    // Arrange: the same token on every page
    givenNetwork([[serviceId(1), "sl-orders"]], {});
    cloudWatchMock.on(GetMetricDataCommand).resolves({
      MetricDataResults: [{ Id: "r0", Values: [40], StatusCode: "PartialData" }],
      NextToken: "same-token",
    });

    // Act
    await runHealthCheck(deps());

    // Assert
    expect(cloudWatchMock).toHaveReceivedCommandTimes(GetMetricDataCommand, 2);
    expect(publishedDetails()["sl-orders"]).toMatchObject({
      status: "unknown",
      reasons: [
        "GetMetricData paging stopped early (a NextToken seen before came back after 2 pages); " +
          "the metrics of this service are incomplete",
      ],
    });
  });

  test("adds the CloudWatch messages of a query that gave a number to the reasons", async () => {
    // Arrange
    givenNetwork([[serviceId(1), "sl-orders"]], {});
    cloudWatchMock.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        {
          Id: "r0",
          Values: [1000],
          StatusCode: "Complete",
          Messages: [{ Code: "MaxDatapointsExceeded", Value: "some data points were not returned" }],
        },
        { Id: "e0", Values: [1], StatusCode: "Complete" },
        { Id: "l0", Values: [100], StatusCode: "Complete" },
      ],
      Messages: [],
    });

    // Act
    await runHealthCheck(deps());

    // Assert
    expect(publishedDetails()["sl-orders"]).toMatchObject({
      status: "healthy",
      reasons: [
        "errorRate 0.001 <= maxErrorRate 0.02 (HTTPCode_5XX_Count 1 of TotalRequestCount 1000)",
        "RequestTime p99 100 ms <= maxP99LatencyMs 500 ms",
        "TotalRequestCount: CloudWatch messages (MaxDatapointsExceeded: some data points were not returned)",
      ],
    });
  });

  test("fails without publishing when the association listing repeats a nextToken", async () => {
    // Arrange: page-a, page-b, then page-a again; the fake ends after 200 calls
    givenNetwork([], {});
    let calls = 0;
    latticeMock.on(ListServiceNetworkServiceAssociationsCommand).callsFake(() => {
      calls++;
      return {
        items: [association(serviceId(calls), `sl-svc-${calls}`)],
        nextToken: calls >= 200 ? undefined : calls % 2 === 0 ? "page-a" : "page-b",
      };
    });

    // Act
    const call = runHealthCheck(deps());

    // Assert
    await expect(call).rejects.toMatchObject({ name: "IncompleteListingError" });
    expect(calls).toBe(3);
    expect(cloudWatchMock).not.toHaveReceivedCommand(GetMetricDataCommand);
    expect(eventBridgeMock).not.toHaveReceivedCommand(PutEventsCommand);
  });

  test("publishes nothing and calls no metrics for an empty network", async () => {
    // Arrange
    givenNetwork([], {});

    // Act
    const summary = await runHealthCheck(deps());

    // Assert
    expect(summary.servicesChecked).toBe(0);
    expect(cloudWatchMock).not.toHaveReceivedCommand(GetMetricDataCommand);
    expect(eventBridgeMock).not.toHaveReceivedCommand(PutEventsCommand);
  });

  test("fails when the events cannot be published", async () => {
    // Arrange
    givenNetwork([[serviceId(1), "sl-orders"]], {});
    eventBridgeMock.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: "InternalFailure" }] });

    // Act
    const call = runHealthCheck(deps());

    // Assert
    await expect(call).rejects.toThrow(/error codes: InternalFailure/);
  });
});
