import { DescribeServicesCommand, ECSClient } from "@aws-sdk/client-ecs";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { mockClient } from "aws-sdk-client-mock";

import { findEcsService, handleDeploymentEvent } from "../../../lambdas/deployment-handler/deployment";
import type { DeploymentDeps } from "../../../lambdas/deployment-handler/deployment";
import { parseEcsServiceArn } from "../../../lambdas/deployment-handler/ecs-arn";
import { DETAIL_TYPES, EVENT_SOURCES } from "../../../lambdas/shared/events";
import type { DeploymentChangedDetail } from "../../../lambdas/shared/events";
import { ecsDeploymentEvent } from "../../helpers/events";
import { recordingLogger } from "../../helpers/log-recorder";
import type { LogRecorder } from "../../helpers/log-recorder";
import { ecsService, runtimeConfig } from "../../helpers/runtime-config";

const ecsMock = mockClient(ECSClient);
const eventBridgeMock = mockClient(EventBridgeClient);

const SERVICE_ARN = "arn:aws:ecs:eu-west-1:111122223333:service/sl-cluster/orders";
const CLUSTER_ARN = "arn:aws:ecs:eu-west-1:111122223333:cluster/sl-cluster";
const TASK_DEF_42 = "arn:aws:ecs:eu-west-1:111122223333:task-definition/sl-orders:42";
const TASK_DEF_41 = "arn:aws:ecs:eu-west-1:111122223333:task-definition/sl-orders:41";

let logger: LogRecorder;

function deps(overrides: Partial<DeploymentDeps> = {}): DeploymentDeps {
  return {
    ecs: new ECSClient({ region: "eu-west-1" }),
    eventBridge: new EventBridgeClient({ region: "eu-west-1" }),
    config: runtimeConfig(),
    eventBusName: "lifecycle-bus",
    logger,
    publishOptions: { sleep: async () => undefined },
    ...overrides,
  };
}

function givenDeployments(deployments: { id: string; taskDefinition: string; status: string }[]): void {
  ecsMock.on(DescribeServicesCommand).resolves({
    services: [
      { serviceArn: SERVICE_ARN, serviceName: "orders", clusterArn: CLUSTER_ARN, status: "ACTIVE", deployments },
    ],
    failures: [],
  });
}

function publishedDetail(): DeploymentChangedDetail {
  const entry = eventBridgeMock.commandCalls(PutEventsCommand)[0].args[0].input.Entries?.[0];
  return JSON.parse(entry?.Detail ?? "{}") as DeploymentChangedDetail;
}

beforeEach(() => {
  ecsMock.reset();
  eventBridgeMock.reset();
  eventBridgeMock.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: "evt-1" }] });
  logger = recordingLogger();
});

describe("Function: handleDeploymentEvent", () => {
  test("maps the ECS service to its configured service and derives the deployed version", async () => {
    // Arrange
    givenDeployments([
      { id: "ecs-svc/1234567890123456789", taskDefinition: TASK_DEF_42, status: "PRIMARY" },
      { id: "ecs-svc/9876543210987654321", taskDefinition: TASK_DEF_41, status: "ACTIVE" },
    ]);

    // Act
    await handleDeploymentEvent(ecsDeploymentEvent(), deps());

    // Assert
    expect(ecsMock).toHaveReceivedCommandWith(DescribeServicesCommand, {
      cluster: "sl-cluster",
      services: [SERVICE_ARN],
    });
    expect(publishedDetail()).toEqual({
      schemaVersion: 1,
      serviceName: "sl-orders",
      ecsServiceArn: SERVICE_ARN,
      clusterArn: CLUSTER_ARN,
      deploymentId: "ecs-svc/1234567890123456789",
      state: "SERVICE_DEPLOYMENT_COMPLETED",
      reason: "ECS deployment ecs-svc/1234567890123456789 completed.",
      taskDefinitionArn: TASK_DEF_42,
      version: "sl-orders:42",
      timestamp: "2025-03-01T12:10:00Z",
    });
  });

  test("publishes one Service Deployment Changed event on the lifecycle bus", async () => {
    // Arrange
    givenDeployments([{ id: "ecs-svc/1234567890123456789", taskDefinition: TASK_DEF_42, status: "PRIMARY" }]);

    // Act
    await handleDeploymentEvent(ecsDeploymentEvent(), deps());

    // Assert
    expect(eventBridgeMock).toHaveReceivedCommandTimes(PutEventsCommand, 1);
    expect(eventBridgeMock.commandCalls(PutEventsCommand)[0].args[0].input.Entries).toEqual([
      expect.objectContaining({
        EventBusName: "lifecycle-bus",
        Source: EVENT_SOURCES.deploymentHandler,
        DetailType: DETAIL_TYPES.deploymentChanged,
        Resources: [SERVICE_ARN],
      }),
    ]);
  });

  test("publishes null task definition and version when ECS no longer lists the deployment", async () => {
    // Arrange
    givenDeployments([{ id: "ecs-svc/9876543210987654321", taskDefinition: TASK_DEF_41, status: "PRIMARY" }]);

    // Act
    await handleDeploymentEvent(ecsDeploymentEvent(), deps());

    // Assert
    expect(publishedDetail()).toMatchObject({ serviceName: "sl-orders", taskDefinitionArn: null, version: null });
    expect(logger.at("warn")[0].attributes.note).toBe(
      "deployment ecs-svc/1234567890123456789 is no longer listed by ECS"
    );
  });

  test("tolerates a service ECS reports as missing", async () => {
    // Arrange
    ecsMock.on(DescribeServicesCommand).resolves({ services: [], failures: [{ arn: SERVICE_ARN, reason: "MISSING" }] });

    // Act
    await handleDeploymentEvent(ecsDeploymentEvent(), deps());

    // Assert
    expect(publishedDetail()).toMatchObject({ taskDefinitionArn: null, version: null, clusterArn: CLUSTER_ARN });
  });

  test("publishes an unconfigured ECS service with serviceName null and does not describe it", async () => {
    // Arrange
    const event = ecsDeploymentEvent({ serviceArn: "arn:aws:ecs:eu-west-1:111122223333:service/other-cluster/orders" });

    // Act
    await handleDeploymentEvent(event, deps());

    // Assert
    expect(ecsMock).not.toHaveReceivedAnyCommand();
    expect(publishedDetail()).toMatchObject({
      serviceName: null,
      ecsServiceArn: "arn:aws:ecs:eu-west-1:111122223333:service/other-cluster/orders",
      clusterArn: "arn:aws:ecs:eu-west-1:111122223333:cluster/other-cluster",
      taskDefinitionArn: null,
      version: null,
    });
  });

  test("rejects a malformed event with a logged error and publishes nothing", async () => {
    // Act
    const result = await handleDeploymentEvent({ ...ecsDeploymentEvent(), resources: [] }, deps());

    // Assert
    expect(result.outcome).toBe("rejected");
    expect(logger.at("error")[0].message).toBe(
      "Rejected malformed ECS Deployment State Change event; nothing published"
    );
    expect(eventBridgeMock).not.toHaveReceivedAnyCommand();
  });

  test("names the rejected event by id, source, account, detail-type and time in the error log", async () => {
    // Arrange
    const event = ecsDeploymentEvent({ deploymentId: "" });

    // Act
    await handleDeploymentEvent(event, deps());

    // Assert
    expect(logger.at("error")[0].attributes).toEqual({
      problems: ['detail.deploymentId must be a non-empty string, got ""'],
      event: {
        id: "ddca6449-b258-46c0-8653-e0e3a6EXAMPLE",
        source: "aws.ecs",
        account: "111122223333",
        "detail-type": "ECS Deployment State Change",
        time: "2025-03-01T12:10:00Z",
      },
    });
  });

  test("logs only the identifying fields a rejected event has", async () => {
    // Arrange: an envelope without account and time, whose source is not a string
    const { account: _account, time: _time, ...rest } = ecsDeploymentEvent();
    const event = { ...rest, source: 42 };

    // Act
    await handleDeploymentEvent(event, deps());

    // Assert
    expect(logger.at("error")[0].attributes.event).toEqual({
      id: "ddca6449-b258-46c0-8653-e0e3a6EXAMPLE",
      source: 42,
      "detail-type": "ECS Deployment State Change",
    });
  });

  test("logs an empty event identity for an event that is not an object", async () => {
    // Act
    const result = await handleDeploymentEvent("not an event", deps());

    // Assert
    expect(result).toEqual({ outcome: "rejected", problems: ["event is not an object"] });
    expect(logger.at("error")[0].attributes.event).toEqual({});
  });

  test("rethrows a DescribeServices failure", async () => {
    // Arrange
    ecsMock
      .on(DescribeServicesCommand)
      .rejects(Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" }));

    // Act
    const call = handleDeploymentEvent(ecsDeploymentEvent(), deps());

    // Assert
    await expect(call).rejects.toMatchObject({ name: "ThrottlingException" });
    expect(eventBridgeMock).not.toHaveReceivedAnyCommand();
  });
});

describe("Function: findEcsService", () => {
  test("matches on cluster and service name", () => {
    // Act
    const found = findEcsService(runtimeConfig(), parseEcsServiceArn(SERVICE_ARN)!);

    // Assert
    expect(found?.name).toBe("orders");
  });

  test("matches a cluster configured by ARN", () => {
    // Arrange
    const config = runtimeConfig({
      services: [ecsService("orders", { compute: { type: "ecs", clusterName: CLUSTER_ARN, serviceName: "orders" } })],
    });

    // Act
    const found = findEcsService(config, parseEcsServiceArn(SERVICE_ARN)!);

    // Assert
    expect(found?.name).toBe("orders");
  });

  test("does not match the same service name in another cluster", () => {
    // Act
    const found = findEcsService(
      runtimeConfig(),
      parseEcsServiceArn("arn:aws:ecs:eu-west-1:111122223333:service/x/orders")!
    );

    // Assert
    expect(found).toBeUndefined();
  });

  test("matches an old-format ARN only when the service name is unique", () => {
    // Arrange
    const oldArn = parseEcsServiceArn("arn:aws:ecs:eu-west-1:111122223333:service/orders")!;
    const twice = runtimeConfig({
      services: [
        ecsService("orders"),
        ecsService("orders-b", { compute: { type: "ecs", clusterName: "other", serviceName: "orders" } }),
      ],
    });

    // Act
    const unique = findEcsService(runtimeConfig(), oldArn);
    const ambiguous = findEcsService(twice, oldArn);

    // Assert
    expect(unique?.name).toBe("orders");
    expect(ambiguous).toBeUndefined();
  });
});
