import "../../helpers/entry-env";

import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from "@aws-sdk/client-ecs";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { mockClient } from "aws-sdk-client-mock";

import { handler } from "../../../lambdas/auto-scaler/index";
import { loadRuntimeConfig } from "../../../lambdas/shared/runtime-config";
import { healthEvent } from "../../helpers/events";
import { lambdaContext } from "../../helpers/lambda-context";

// The entry reads lifecycle-config.json beside the bundle; in tests it gets the fixture.
jest.mock("../../../lambdas/shared/runtime-config", () => ({
  ...jest.requireActual("../../../lambdas/shared/runtime-config"),
  loadRuntimeConfig: jest.fn(() => jest.requireActual("../../helpers/runtime-config").runtimeConfig()),
}));

const ecsMock = mockClient(ECSClient);
const dynamoMock = mockClient(DynamoDBClient);
const eventBridgeMock = mockClient(EventBridgeClient);
const SERVICE_ARN = "arn:aws:ecs:eu-west-1:111122223333:service/sl-cluster/orders";

beforeEach(() => {
  ecsMock.reset();
  dynamoMock.reset();
  eventBridgeMock.reset();
});

describe("Handler: auto-scaler", () => {
  test("reads the runtime config once, at load, from the handler's own folder", () => {
    // Assert
    expect(loadRuntimeConfig).toHaveBeenCalledTimes(1);
    expect(loadRuntimeConfig).toHaveBeenCalledWith(expect.stringMatching(/lambdas[\\/]auto-scaler$/));
  });

  test("scales the service and uses the state table and bus from the environment", async () => {
    // Arrange
    ecsMock.on(DescribeServicesCommand).resolves({
      services: [{ serviceArn: SERVICE_ARN, serviceName: "orders", status: "ACTIVE", desiredCount: 2 }],
    });
    ecsMock.on(UpdateServiceCommand).resolves({});
    dynamoMock.on(PutItemCommand).resolves({});
    eventBridgeMock.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: "evt-1" }] });

    // Act
    const result = await handler(healthEvent({ status: "unhealthy", timestamp: new Date().toISOString() }), lambdaContext("sl-auto-scaler"));

    // Assert
    expect(result).toMatchObject({ decision: "scale-out", outcome: "applied", desiredCapacity: 4 });
    expect(dynamoMock).toHaveReceivedCommandWith(PutItemCommand, { TableName: "sl-state" });
    expect(eventBridgeMock.commandCalls(PutEventsCommand)[0].args[0].input.Entries?.[0].EventBusName).toBe(
      "lifecycle-bus"
    );
  });

  test("returns a rejection for a malformed event instead of failing", async () => {
    // Act
    const result = await handler({ source: "somewhere" }, lambdaContext("sl-auto-scaler"));

    // Assert
    expect(result).toMatchObject({ decision: "hold", outcome: "rejected" });
    expect(ecsMock).not.toHaveReceivedAnyCommand();
  });

  test("rethrows an AWS failure so the invocation fails", async () => {
    // Arrange
    ecsMock
      .on(DescribeServicesCommand)
      .rejects(Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" }));

    // Act
    const call = handler(healthEvent({ status: "unhealthy", timestamp: new Date().toISOString() }), lambdaContext("sl-auto-scaler"));

    // Assert
    await expect(call).rejects.toMatchObject({ name: "ThrottlingException" });
  });

  test("fails at load time naming a missing environment variable", () => {
    // Arrange
    const saved = process.env.SL_STATE_TABLE_NAME;
    delete process.env.SL_STATE_TABLE_NAME;

    try {
      // Act
      const act = () => jest.isolateModules(() => require("../../../lambdas/auto-scaler/index"));

      // Assert
      expect(act).toThrow("Environment variable SL_STATE_TABLE_NAME is required but is not set");
    } finally {
      process.env.SL_STATE_TABLE_NAME = saved;
    }
  });
});
