import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  SetDesiredCapacityCommand,
} from "@aws-sdk/client-auto-scaling";
import { ConditionalCheckFailedException, DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from "@aws-sdk/client-ecs";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { mockClient } from "aws-sdk-client-mock";

import { handleHealthEvent } from "../../../lambdas/auto-scaler/scaler";
import type { ScalerDeps } from "../../../lambdas/auto-scaler/scaler";
import { DETAIL_TYPES, EVENT_SOURCES } from "../../../lambdas/shared/events";
import type { ScalingActionDetail } from "../../../lambdas/shared/events";
import { healthEvent } from "../../helpers/events";
import { recordingLogger } from "../../helpers/log-recorder";
import type { LogRecorder } from "../../helpers/log-recorder";
import { ecsService, lambdaService, runtimeConfig } from "../../helpers/runtime-config";

const ecsMock = mockClient(ECSClient);
const asgMock = mockClient(AutoScalingClient);
const dynamoMock = mockClient(DynamoDBClient);
const eventBridgeMock = mockClient(EventBridgeClient);

const NOW = new Date("2025-03-01T12:08:00Z");
const SERVICE_ARN = "arn:aws:ecs:eu-west-1:111122223333:service/sl-cluster/orders";
const ASG_ARN =
  "arn:aws:autoscaling:eu-west-1:111122223333:autoScalingGroup:2e3f4a5b-6c7d-8e9f-0a1b-2c3d4e5f6a7b:autoScalingGroupName/sl-billing-asg";
const UNHEALTHY = { status: "unhealthy", reasons: ["errorRate 0.2 > maxErrorRate 0.02"] } as const;
const IDLE = { status: "healthy", requestCount: 3, reasons: ["idle: TotalRequestCount 3 < minRequests 100"] } as const;

let logger: LogRecorder;

// sl-orders: ECS sl-cluster/orders; sl-billing: ASG sl-billing-asg. Both: min 1, max 10, step 2, cooldown 300 s.
function deps(overrides: Partial<ScalerDeps> = {}): ScalerDeps {
  return {
    ecs: new ECSClient({ region: "eu-west-1" }),
    autoScaling: new AutoScalingClient({ region: "eu-west-1" }),
    dynamo: new DynamoDBClient({ region: "eu-west-1" }),
    eventBridge: new EventBridgeClient({ region: "eu-west-1" }),
    config: runtimeConfig(),
    eventBusName: "lifecycle-bus",
    stateTableName: "sl-state",
    logger,
    now: () => NOW,
    publishOptions: { sleep: async () => undefined },
    ...overrides,
  };
}

function givenEcsDesiredCount(desiredCount: number): void {
  ecsMock.on(DescribeServicesCommand).resolves({
    services: [
      {
        serviceArn: SERVICE_ARN,
        serviceName: "orders",
        clusterArn: "arn:aws:ecs:eu-west-1:111122223333:cluster/sl-cluster",
        status: "ACTIVE",
        desiredCount,
      },
    ],
    failures: [],
  });
  ecsMock.on(UpdateServiceCommand).resolves({ service: { serviceArn: SERVICE_ARN } });
}

function givenAsgDesiredCapacity(desired: number, min = 0, max = 20): void {
  asgMock.on(DescribeAutoScalingGroupsCommand).resolves({
    AutoScalingGroups: [
      {
        AutoScalingGroupName: "sl-billing-asg",
        AutoScalingGroupARN: ASG_ARN,
        MinSize: min,
        MaxSize: max,
        DesiredCapacity: desired,
        DefaultCooldown: 300,
        AvailabilityZones: ["eu-west-1a"],
        HealthCheckType: "EC2",
        CreatedTime: new Date("2025-01-01T00:00:00Z"),
      },
    ],
  });
  asgMock.on(SetDesiredCapacityCommand).resolves({});
}

/** The state table refuses the cooldown, returning this item as it stands. */
function givenCooldownItem(item: Record<string, AttributeValue>): void {
  dynamoMock.on(PutItemCommand).rejects(
    new ConditionalCheckFailedException({
      message: "The conditional request failed",
      $metadata: {},
      Item: { pk: { S: "scaling#orders" }, ...item },
    })
  );
}

/** Details of every Scaling Action event published. */
function publishedActions(): ScalingActionDetail[] {
  return eventBridgeMock
    .commandCalls(PutEventsCommand)
    .flatMap((c) => c.args[0].input.Entries ?? [])
    .map((e) => JSON.parse(e.Detail ?? "{}") as ScalingActionDetail);
}

beforeEach(() => {
  ecsMock.reset();
  asgMock.reset();
  dynamoMock.reset();
  eventBridgeMock.reset();
  dynamoMock.on(PutItemCommand).resolves({});
  eventBridgeMock.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: "evt-1" }] });
  logger = recordingLogger();
});

describe("Function: handleHealthEvent", () => {
  test("scales an unhealthy ECS service out by one step and publishes the applied action", async () => {
    // Arrange
    givenEcsDesiredCount(3);

    // Act
    const result = await handleHealthEvent(healthEvent(UNHEALTHY), deps());

    // Assert
    expect(result).toMatchObject({
      decision: "scale-out",
      outcome: "applied",
      previousCapacity: 3,
      desiredCapacity: 5,
    });
    expect(ecsMock).toHaveReceivedCommandWith(UpdateServiceCommand, {
      cluster: "sl-cluster",
      service: "orders",
      desiredCount: 5,
    });
    expect(dynamoMock).toHaveReceivedCommandWith(PutItemCommand, {
      TableName: "sl-state",
      Item: expect.objectContaining({ pk: { S: "scaling#orders" } }),
    });
    const entry = eventBridgeMock.commandCalls(PutEventsCommand)[0].args[0].input.Entries?.[0];
    expect(entry).toMatchObject({
      Source: EVENT_SOURCES.autoScaler,
      DetailType: DETAIL_TYPES.scalingAction,
      Resources: [SERVICE_ARN],
    });
    expect(publishedActions()).toEqual([
      {
        schemaVersion: 1,
        serviceName: "sl-orders",
        serviceId: "svc-0123456789abcdef0",
        decision: "scale-out",
        outcome: "applied",
        reason: "status unhealthy: errorRate 0.2 > maxErrorRate 0.02; capacity 3 -> 5 within [1, 10]",
        computeType: "ecs",
        computeId: SERVICE_ARN,
        previousCapacity: 3,
        desiredCapacity: 5,
        timestamp: NOW.toISOString(),
      },
    ]);
  });

  test("clamps a scale-out at max", async () => {
    // Arrange
    givenEcsDesiredCount(9);

    // Act
    const result = await handleHealthEvent(healthEvent(UNHEALTHY), deps());

    // Assert
    expect(result.desiredCapacity).toBe(10);
    expect(ecsMock).toHaveReceivedCommandWith(UpdateServiceCommand, { desiredCount: 10 });
  });

  test("holds without a cooldown or an event when already at max", async () => {
    // Arrange
    givenEcsDesiredCount(10);

    // Act
    const result = await handleHealthEvent(healthEvent(UNHEALTHY), deps());

    // Assert
    expect(result).toMatchObject({ decision: "hold", outcome: "none" });
    expect(result.reason).toMatch(/capacity 10 already at or above max 10$/);
    expect(ecsMock).not.toHaveReceivedCommand(UpdateServiceCommand);
    expect(dynamoMock).not.toHaveReceivedCommand(PutItemCommand);
    expect(eventBridgeMock).not.toHaveReceivedCommand(PutEventsCommand);
  });

  test("scales an idle service in, clamped at min", async () => {
    // Arrange
    givenEcsDesiredCount(2);

    // Act
    const result = await handleHealthEvent(healthEvent(IDLE), deps());

    // Assert
    expect(result).toMatchObject({ decision: "scale-in", outcome: "applied", previousCapacity: 2, desiredCapacity: 1 });
    expect(ecsMock).toHaveReceivedCommandWith(UpdateServiceCommand, { desiredCount: 1 });
  });

  test("skips the action and publishes it as skipped while the cooldown runs", async () => {
    // Arrange
    givenEcsDesiredCount(3);
    givenCooldownItem({
      lastActionAt: { N: String(NOW.getTime() / 1000 - 60) },
      lastDecision: { S: "scale-out" },
    });

    // Act
    const result = await handleHealthEvent(healthEvent(UNHEALTHY), deps());

    // Assert
    expect(result).toMatchObject({ decision: "scale-out", outcome: "skipped" });
    expect(ecsMock).not.toHaveReceivedCommand(UpdateServiceCommand);
    expect(publishedActions()[0]).toMatchObject({ outcome: "skipped", previousCapacity: 3, desiredCapacity: 5 });
    expect(publishedActions()[0].reason).toMatch(/^cooldown 300 s: last scale-out at 2025-03-01T12:07:00.000Z; /);
  });

  test("changes nothing in dry-run mode, takes no cooldown, and publishes the dry-run action", async () => {
    // Arrange
    givenEcsDesiredCount(3);

    // Act
    const result = await handleHealthEvent(
      healthEvent(UNHEALTHY),
      deps({ config: runtimeConfig({ automationMode: "dry-run" }) })
    );

    // Assert
    expect(result).toMatchObject({ decision: "scale-out", outcome: "dry-run", desiredCapacity: 5 });
    expect(ecsMock).not.toHaveReceivedCommand(UpdateServiceCommand);
    expect(dynamoMock).not.toHaveReceivedCommand(PutItemCommand);
    expect(publishedActions()[0]).toMatchObject({ outcome: "dry-run", previousCapacity: 3, desiredCapacity: 5 });
    expect(logger.entries.some((e) => e.message === "Scaling decision" && e.attributes.outcome === "dry-run")).toBe(
      true
    );
  });

  test.each([
    ["a degraded service", { status: "degraded", reasons: ["RequestTime p99 900 ms > maxP99LatencyMs 500 ms"] }],
    ["a service of unknown health", { status: "unknown", requestCount: null, errorRate: null, p99LatencyMs: null }],
    ["a healthy, busy service", { status: "healthy", requestCount: 5000 }],
  ] as const)("holds %s without touching AWS", async (_label, detail) => {
    // Act
    const result = await handleHealthEvent(healthEvent(detail), deps());

    // Assert
    expect(result).toMatchObject({ decision: "hold", outcome: "none" });
    expect(ecsMock).not.toHaveReceivedAnyCommand();
    expect(dynamoMock).not.toHaveReceivedAnyCommand();
    expect(eventBridgeMock).not.toHaveReceivedAnyCommand();
  });

  test("holds a service that is not in the config", async () => {
    // Act
    const result = await handleHealthEvent(healthEvent({ ...UNHEALTHY, serviceName: "sl-unlisted" }), deps());

    // Assert
    expect(result).toMatchObject({
      decision: "hold",
      outcome: "none",
      reason: "service sl-unlisted is not in the lifecycle config",
    });
    expect(ecsMock).not.toHaveReceivedAnyCommand();
  });

  test("holds a service that has no compute to scale", async () => {
    // Arrange
    const config = runtimeConfig({ services: [ecsService("orders"), lambdaService("thumbnails")] });

    // Act
    const result = await handleHealthEvent(healthEvent({ ...UNHEALTHY, serviceName: "sl-thumbnails" }), deps({ config }));

    // Assert
    expect(result).toMatchObject({ decision: "hold", outcome: "none", reason: "service thumbnails has no compute to scale" });
    expect(ecsMock).not.toHaveReceivedAnyCommand();
    expect(eventBridgeMock).not.toHaveReceivedAnyCommand();
  });

  test("holds a check older than two metric windows, however unhealthy", async () => {
    // Arrange: a 5-minute window, checked 10 min 1 s before NOW
    givenEcsDesiredCount(2);
    const event = healthEvent({ ...UNHEALTHY, timestamp: "2025-03-01T11:57:59.000Z", windowMinutes: 5 });

    // Act
    const result = await handleHealthEvent(event, deps());

    // Assert
    expect(result).toMatchObject({ decision: "hold", outcome: "none" });
    expect(result.reason).toBe("stale: the check is 601 s old, more than 2 windows (600 s)");
    expect(ecsMock).not.toHaveReceivedAnyCommand();
  });

  test("acts on a check exactly two metric windows old", async () => {
    // Arrange
    givenEcsDesiredCount(2);
    const event = healthEvent({ ...UNHEALTHY, timestamp: "2025-03-01T11:58:00.000Z", windowMinutes: 5 });

    // Act
    const result = await handleHealthEvent(event, deps());

    // Assert
    expect(result).toMatchObject({ decision: "scale-out", outcome: "applied" });
  });

  test("scales an Auto Scaling group with SetDesiredCapacity", async () => {
    // Arrange
    givenAsgDesiredCapacity(4);

    // Act
    const result = await handleHealthEvent(healthEvent({ ...UNHEALTHY, serviceName: "sl-billing" }), deps());

    // Assert
    expect(result).toMatchObject({
      decision: "scale-out",
      outcome: "applied",
      previousCapacity: 4,
      desiredCapacity: 6,
    });
    expect(asgMock).toHaveReceivedCommandWith(SetDesiredCapacityCommand, {
      AutoScalingGroupName: "sl-billing-asg",
      DesiredCapacity: 6,
      HonorCooldown: false,
    });
    expect(dynamoMock).toHaveReceivedCommandWith(PutItemCommand, {
      Item: expect.objectContaining({ pk: { S: "scaling#billing" } }),
    });
    expect(publishedActions()[0]).toMatchObject({ computeType: "ec2-asg", computeId: "sl-billing-asg" });
    expect(eventBridgeMock.commandCalls(PutEventsCommand)[0].args[0].input.Entries?.[0].Resources).toEqual([ASG_ARN]);
  });

  test("keeps an Auto Scaling group within its own MaxSize", async () => {
    // Arrange
    givenAsgDesiredCapacity(4, 1, 5);

    // Act
    const result = await handleHealthEvent(healthEvent({ ...UNHEALTHY, serviceName: "sl-billing" }), deps());

    // Assert
    expect(result.desiredCapacity).toBe(5);
  });

  test("rejects a malformed event with a logged error and takes no action", async () => {
    // Arrange
    const event = healthEvent({ status: "on-fire" as never, observedStatus: "unhealthy" });

    // Act
    const result = await handleHealthEvent(event, deps());

    // Assert
    expect(result).toMatchObject({ decision: "hold", outcome: "rejected" });
    expect(logger.at("error")[0]).toMatchObject({
      message: "Rejected malformed Service Health Check event; no action taken",
      attributes: {
        problems: ['detail.status: invalid_value (values ["healthy","degraded","unhealthy","unknown"])'],
      },
    });
    expect(ecsMock).not.toHaveReceivedAnyCommand();
    expect(dynamoMock).not.toHaveReceivedAnyCommand();
    expect(eventBridgeMock).not.toHaveReceivedAnyCommand();
  });

  test("rejects a v1 detail with a problem naming schemaVersion and takes no action", async () => {
    // Arrange: an unhealthy check as the health monitor published it before schema v2
    givenEcsDesiredCount(3);
    const event = {
      ...healthEvent(),
      detail: {
        schemaVersion: 1,
        serviceId: "svc-0123456789abcdef0",
        serviceName: "sl-orders",
        status: "unhealthy",
        reasons: ["errorRate 0.2 > maxErrorRate 0.02"],
        requestCount: 1000,
        errorRate: 0.2,
        p99LatencyMs: 100,
        windowMinutes: 5,
        timestamp: "2025-03-01T12:07:42.000Z",
      },
    };

    // Act
    const result = await handleHealthEvent(event, deps());

    // Assert
    expect(result).toMatchObject({ decision: "hold", outcome: "rejected" });
    expect(result.reason).toMatch(/^detail\.schemaVersion: invalid_value \(values \[2\]\)/);
    expect(logger.at("error")[0].attributes.problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^detail\.schemaVersion: /)])
    );
    expect(ecsMock).not.toHaveReceivedAnyCommand();
    expect(dynamoMock).not.toHaveReceivedAnyCommand();
    expect(eventBridgeMock).not.toHaveReceivedAnyCommand();
  });

  test("gives the cooldown back and rethrows when AWS refuses the capacity change", async () => {
    // Arrange: a 4xx error, so nothing was changed
    givenEcsDesiredCount(3);
    ecsMock
      .on(UpdateServiceCommand)
      .rejects(Object.assign(new Error("not allowed"), { name: "AccessDeniedException", $fault: "client" }));

    // Act
    const call = handleHealthEvent(healthEvent(UNHEALTHY), deps());

    // Assert
    await expect(call).rejects.toMatchObject({ name: "AccessDeniedException" });
    expect(dynamoMock).toHaveReceivedCommandTimes(PutItemCommand, 2);
    expect(dynamoMock).toHaveReceivedNthCommandWith(2, PutItemCommand, { ConditionExpression: "lastActionAt = :mine" });
    expect(eventBridgeMock).not.toHaveReceivedCommand(PutEventsCommand);
  });

  test("rethrows when the capacity cannot be read", async () => {
    // Arrange
    ecsMock.on(DescribeServicesCommand).resolves({ failures: [{ arn: SERVICE_ARN, reason: "MISSING" }] });

    // Act
    const call = handleHealthEvent(healthEvent(UNHEALTHY), deps());

    // Assert
    await expect(call).rejects.toThrow(/cannot be described: MISSING/);
    expect(dynamoMock).not.toHaveReceivedCommand(PutItemCommand);
  });

  test("keeps the cooldown when the capacity change times out, since it may have been applied", async () => {
    // Arrange
    givenEcsDesiredCount(3);
    ecsMock.on(UpdateServiceCommand).rejects(Object.assign(new Error("socket hang up"), { name: "TimeoutError" }));

    // Act
    const call = handleHealthEvent(healthEvent(UNHEALTHY), deps());

    // Assert
    await expect(call).rejects.toMatchObject({ name: "TimeoutError" });
    expect(dynamoMock).toHaveReceivedCommandTimes(PutItemCommand, 1);
  });

  test("reports a change an earlier delivery of the same event applied, without acting again", async () => {
    // Arrange: the first delivery set 2 -> 4, then failed to publish
    givenEcsDesiredCount(4);
    const event = healthEvent(UNHEALTHY);
    givenCooldownItem({
      lastActionAt: { N: String(NOW.getTime() / 1000 - 90) },
      lastEventId: { S: event.id },
      lastCheckAt: { N: String(Date.parse(event.detail.timestamp)) },
      previousCapacity: { N: "2" },
      desiredCapacity: { N: "4" },
    });

    // Act
    const result = await handleHealthEvent(event, deps());

    // Assert
    expect(result).toMatchObject({ outcome: "applied", previousCapacity: 2, desiredCapacity: 4 });
    expect(ecsMock).not.toHaveReceivedCommand(UpdateServiceCommand);
    expect(publishedActions()).toEqual([expect.objectContaining({ outcome: "applied", previousCapacity: 2, desiredCapacity: 4 })]);
  });

  test("skips a check that a newer acted-on check supersedes", async () => {
    // Arrange
    givenEcsDesiredCount(2);
    const event = healthEvent(UNHEALTHY);
    givenCooldownItem({
      lastActionAt: { N: String(NOW.getTime() / 1000 - 400) },
      lastEventId: { S: "newer-event" },
      lastCheckAt: { N: String(Date.parse(event.detail.timestamp) + 60_000) },
    });

    // Act
    const result = await handleHealthEvent(event, deps());

    // Assert
    expect(result.outcome).toBe("skipped");
    expect(result.reason).toMatch(/^superseded: /);
    expect(ecsMock).not.toHaveReceivedCommand(UpdateServiceCommand);
  });

  test("holds a service owned by another account, whatever its name", async () => {
    // Arrange
    const event = healthEvent(UNHEALTHY);
    event.resources = ["arn:aws:vpc-lattice:eu-west-1:444455556666:service/svc-0123456789abcdef0"];

    // Act
    const result = await handleHealthEvent(event, deps());

    // Assert
    expect(result).toMatchObject({ decision: "hold", outcome: "none" });
    expect(result.reason).toMatch(/is not owned by account 111122223333$/);
    expect(ecsMock).not.toHaveReceivedAnyCommand();
  });

  test("holds a check dated in the future", async () => {
    // Arrange
    const event = healthEvent({ ...UNHEALTHY, timestamp: "2025-03-01T12:10:00.000Z" });

    // Act
    const result = await handleHealthEvent(event, deps());

    // Assert
    expect(result).toMatchObject({ decision: "hold", reason: "the check is dated 120 s in the future" });
  });

  test("measures staleness with the configured window, not the event's own", async () => {
    // Arrange: the event claims a huge window
    const event = healthEvent({ ...UNHEALTHY, timestamp: "2025-03-01T11:50:00.000Z", windowMinutes: 100000 });

    // Act
    const result = await handleHealthEvent(event, deps());

    // Assert
    expect(result.reason).toBe("stale: the check is 1080 s old, more than 2 windows (600 s)");
  });
});
