import "../../helpers/entry-env";

import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { ListServiceNetworkServiceAssociationsCommand, VPCLatticeClient } from "@aws-sdk/client-vpc-lattice";
import { mockClient } from "aws-sdk-client-mock";

import { handler } from "../../../lambdas/health-monitor/index";
import { loadRuntimeConfig } from "../../../lambdas/shared/runtime-config";
import { lambdaContext } from "../../helpers/lambda-context";
import { NETWORK_ID, association, metricResponder, serviceId } from "../../helpers/lattice-fixtures";

const NETWORK_ARN = `arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/${NETWORK_ID}`;

// The entry reads lifecycle-config.json beside the bundle; in tests it gets the fixture.
jest.mock("../../../lambdas/shared/runtime-config", () => ({
  ...jest.requireActual("../../../lambdas/shared/runtime-config"),
  loadRuntimeConfig: jest.fn(() => jest.requireActual("../../helpers/runtime-config").runtimeConfig()),
}));

const latticeMock = mockClient(VPCLatticeClient);
const cloudWatchMock = mockClient(CloudWatchClient);
const eventBridgeMock = mockClient(EventBridgeClient);

beforeEach(() => {
  latticeMock.reset();
  cloudWatchMock.reset();
  eventBridgeMock.reset();
});

describe("Handler: health-monitor", () => {
  test("reads the runtime config once, at load, from the handler's own folder", () => {
    // Assert
    expect(loadRuntimeConfig).toHaveBeenCalledTimes(1);
    expect(loadRuntimeConfig).toHaveBeenCalledWith(expect.stringMatching(/lambdas[\\/]health-monitor$/));
  });

  test("checks the configured network and returns the summary", async () => {
    // Arrange
    latticeMock
      .on(ListServiceNetworkServiceAssociationsCommand)
      .resolves({ items: [association(serviceId(1), "sl-orders")] });
    cloudWatchMock
      .on(GetMetricDataCommand)
      .callsFake(metricResponder({ [serviceId(1)]: { requests: [1000], errors: [0], p99: [50] } }));
    eventBridgeMock.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: "evt-1" }] });

    // Act
    const summary = await handler({}, lambdaContext("sl-health-monitor"));

    // Assert
    expect(summary).toMatchObject({ servicesChecked: 1, eventsPublished: 1, statuses: { healthy: 1 } });
    expect(latticeMock).toHaveReceivedCommandWith(ListServiceNetworkServiceAssociationsCommand, {
      serviceNetworkIdentifier: NETWORK_ARN,
    });
    expect(eventBridgeMock.commandCalls(PutEventsCommand)[0].args[0].input.Entries?.[0].EventBusName).toBe(
      "lifecycle-bus"
    );
  });

  test("rethrows a failure so the invocation fails", async () => {
    // Arrange
    latticeMock
      .on(ListServiceNetworkServiceAssociationsCommand)
      .rejects(Object.assign(new Error("not allowed"), { name: "AccessDeniedException" }));

    // Act
    const call = handler({}, lambdaContext("sl-health-monitor"));

    // Assert
    await expect(call).rejects.toMatchObject({ name: "AccessDeniedException" });
  });

  test("fails at load time naming a missing environment variable", () => {
    // Arrange
    const saved = process.env.SL_SERVICE_NETWORK_ARN;
    delete process.env.SL_SERVICE_NETWORK_ARN;

    try {
      // Act
      const act = () => jest.isolateModules(() => require("../../../lambdas/health-monitor/index"));

      // Assert
      expect(act).toThrow("Environment variable SL_SERVICE_NETWORK_ARN is required but is not set");
    } finally {
      process.env.SL_SERVICE_NETWORK_ARN = saved;
    }
  });
});
