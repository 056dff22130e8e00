import "../../helpers/entry-env";

import { DescribeServicesCommand, ECSClient } from "@aws-sdk/client-ecs";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { mockClient } from "aws-sdk-client-mock";

import { handler } from "../../../lambdas/deployment-handler/index";
import { loadRuntimeConfig } from "../../../lambdas/shared/runtime-config";
import { ecsDeploymentEvent } from "../../helpers/events";
import { lambdaContext } from "../../helpers/lambda-context";

// The entry reads lifecycle-config.json beside the bundle; in tests it gets the fixture.
jest.mock("../../../lambdas/shared/runtime-config", () => ({
  ...jest.requireActual("../../../lambdas/shared/runtime-config"),
  loadRuntimeConfig: jest.fn(() => jest.requireActual("../../helpers/runtime-config").runtimeConfig()),
}));

const ecsMock = mockClient(ECSClient);
const eventBridgeMock = mockClient(EventBridgeClient);

beforeEach(() => {
  ecsMock.reset();
  eventBridgeMock.reset();
});

describe("Handler: deployment-handler", () => {
  test("reads the runtime config once, at load, from the handler's own folder", () => {
    // Assert
    expect(loadRuntimeConfig).toHaveBeenCalledTimes(1);
    expect(loadRuntimeConfig).toHaveBeenCalledWith(expect.stringMatching(/lambdas[\\/]deployment-handler$/));
  });

  test("publishes the deployment change on the bus from the environment", async () => {
    // Arrange
    ecsMock.on(DescribeServicesCommand).resolves({ services: [] });
    eventBridgeMock.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: "evt-1" }] });

    // Act
    const result = await handler(ecsDeploymentEvent(), lambdaContext("sl-deployment-handler"));

    // Assert
    expect(result.outcome).toBe("published");
    expect(eventBridgeMock.commandCalls(PutEventsCommand)[0].args[0].input.Entries?.[0].EventBusName).toBe(
      "lifecycle-bus"
    );
  });

  test("rethrows when the event cannot be published", async () => {
    // Arrange
    ecsMock.on(DescribeServicesCommand).resolves({ services: [] });
    eventBridgeMock.on(PutEventsCommand).rejects(Object.assign(new Error("denied"), { name: "AccessDeniedException" }));

    // Act
    const call = handler(ecsDeploymentEvent(), lambdaContext("sl-deployment-handler"));

    // Assert
    await expect(call).rejects.toMatchObject({ name: "AccessDeniedException" });
  });

  test("fails at load time naming a missing environment variable", () => {
    // Arrange
    const saved = process.env.SL_EVENT_BUS_NAME;
    delete process.env.SL_EVENT_BUS_NAME;

    try {
      // Act
      const act = () => jest.isolateModules(() => require("../../../lambdas/deployment-handler/index"));

      // Assert
      expect(act).toThrow("Environment variable SL_EVENT_BUS_NAME is required but is not set");
    } finally {
      process.env.SL_EVENT_BUS_NAME = saved;
    }
  });
});
