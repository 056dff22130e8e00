import { ListServiceNetworkServiceAssociationsCommand, VPCLatticeClient } from "@aws-sdk/client-vpc-lattice";
import { mockClient } from "aws-sdk-client-mock";

import { IncompleteListingError, listNetworkServices } from "../../../lambdas/health-monitor/associations";
import { NETWORK_ID, association, serviceId } from "../../helpers/lattice-fixtures";
import { recordingLogger } from "../../helpers/log-recorder";

const latticeMock = mockClient(VPCLatticeClient);
const client = new VPCLatticeClient({ region: "eu-west-1" });

beforeEach(() => {
  latticeMock.reset();
});

describe("Function: listNetworkServices", () => {
  test("reads every page of associations", async () => {
    // Arrange
    latticeMock
      .on(ListServiceNetworkServiceAssociationsCommand)
      .resolvesOnce({
        items: [association(serviceId(1), "sl-orders"), association(serviceId(2), "sl-billing")],
        nextToken: "page-2",
      })
      .resolvesOnce({ items: [association(serviceId(3), "sl-users")], nextToken: "page-3" })
      .resolvesOnce({ items: [association(serviceId(4), "sl-search")] });

    // Act
    const { active } = await listNetworkServices(client, NETWORK_ID, recordingLogger());

    // Assert
    expect(active.map((s) => s.serviceName)).toEqual(["sl-orders", "sl-billing", "sl-users", "sl-search"]);
    expect(latticeMock).toHaveReceivedCommandTimes(ListServiceNetworkServiceAssociationsCommand, 3);
    expect(latticeMock).toHaveReceivedNthCommandWith(1, ListServiceNetworkServiceAssociationsCommand, {
      serviceNetworkIdentifier: NETWORK_ID,
      maxResults: 100,
    });
    expect(latticeMock).toHaveReceivedNthCommandWith(3, ListServiceNetworkServiceAssociationsCommand, {
      serviceNetworkIdentifier: NETWORK_ID,
      nextToken: "page-3",
    });
  });

  test("returns the service id, name and ARN of each active association", async () => {
    // Arrange
    latticeMock
      .on(ListServiceNetworkServiceAssociationsCommand)
      .resolves({ items: [association(serviceId(7), "sl-orders")] });

    // Act
    const { active } = await listNetworkServices(client, NETWORK_ID, recordingLogger());

    // Assert
    expect(active).toEqual([
      {
        serviceId: serviceId(7),
        serviceName: "sl-orders",
        serviceArn: `arn:aws:vpc-lattice:eu-west-1:111122223333:service/${serviceId(7)}`,
      },
    ]);
  });

  test("skips and logs associations that are not ACTIVE", async () => {
    // Arrange
    latticeMock.on(ListServiceNetworkServiceAssociationsCommand).resolves({
      items: [
        association(serviceId(1), "sl-orders"),
        association(serviceId(2), "sl-new", "CREATE_IN_PROGRESS"),
        association(serviceId(3), "sl-old", "DELETE_IN_PROGRESS"),
        association(serviceId(4), "sl-broken", "CREATE_FAILED"),
      ],
    });
    const logger = recordingLogger();

    // Act
    const { active, skipped } = await listNetworkServices(client, NETWORK_ID, logger);

    // Assert
    expect(active.map((s) => s.serviceName)).toEqual(["sl-orders"]);
    expect(skipped.map((s) => [s.serviceName, s.status])).toEqual([
      ["sl-new", "CREATE_IN_PROGRESS"],
      ["sl-old", "DELETE_IN_PROGRESS"],
      ["sl-broken", "CREATE_FAILED"],
    ]);
    expect(logger.entries.filter((e) => e.message === "Skipping service association")).toHaveLength(3);
  });

  test("skips an association without a service id", async () => {
    // Arrange
    const item = { ...association(serviceId(1), "sl-orders"), serviceId: undefined };
    latticeMock.on(ListServiceNetworkServiceAssociationsCommand).resolves({ items: [item] });

    // Act
    const { active, skipped } = await listNetworkServices(client, NETWORK_ID, recordingLogger());

    // Assert
    expect(active).toEqual([]);
    expect(skipped[0].reason).toBe("association has no service id or name");
  });

  test("returns nothing for an empty network", async () => {
    // Arrange
    latticeMock.on(ListServiceNetworkServiceAssociationsCommand).resolves({ items: [] });

    // Act
    const result = await listNetworkServices(client, NETWORK_ID, recordingLogger());

    // Assert
    expect(result).toEqual({ active: [], skipped: [] });
  });

  test("throws when a nextToken seen before comes back, instead of returning part of the network", async () => {
    // Arrange: page-b, page-a, then page-b again; the fake ends after 200 calls
    let calls = 0;
    latticeMock.on(ListServiceNetworkServiceAssociationsCommand).callsFake(() => {
      calls++;
      return {
        items: [association(serviceId(calls), `sl-svc-${calls}`)],
        nextToken: calls >= 200 ? undefined : calls % 2 === 0 ? "page-a" : "page-b",
      };
    });

    // Act
    const call = listNetworkServices(client, NETWORK_ID, recordingLogger());

    // Assert
    await expect(call).rejects.toThrow(
      new IncompleteListingError(
        `Listing the service associations of ${NETWORK_ID} stopped early ` +
          "(a NextToken seen before came back after 3 pages); " +
          "3 associations were read, the rest is unknown, so no service is checked"
      )
    );
    expect(calls).toBe(3);
  });

  test("throws when the page limit is reached with a nextToken pending", async () => {
    // Arrange: a new token on every page; the fake ends after 200 calls
    let calls = 0;
    latticeMock.on(ListServiceNetworkServiceAssociationsCommand).callsFake(() => {
      calls++;
      return {
        items: [association(serviceId(calls), `sl-svc-${calls}`)],
        nextToken: calls >= 200 ? undefined : `page-${calls}`,
      };
    });

    // Act
    const call = listNetworkServices(client, NETWORK_ID, recordingLogger(), 5);

    // Assert
    await expect(call).rejects.toMatchObject({
      name: "IncompleteListingError",
      message: expect.stringContaining("the limit of 5 pages was reached with a NextToken pending"),
    });
    expect(calls).toBe(5);
  });

  test("stops after 20 pages by default", async () => {
    // Arrange: a new token on every page; the fake ends after 200 calls
    let calls = 0;
    latticeMock.on(ListServiceNetworkServiceAssociationsCommand).callsFake(() => {
      calls++;
      return {
        items: [association(serviceId(calls), `sl-svc-${calls}`)],
        nextToken: calls >= 200 ? undefined : `page-${calls}`,
      };
    });

    // Act
    const call = listNetworkServices(client, NETWORK_ID, recordingLogger());

    // Assert
    await expect(call).rejects.toMatchObject({ name: "IncompleteListingError" });
    expect(calls).toBe(20);
  });

  test("rethrows a listing failure", async () => {
    // Arrange
    latticeMock
      .on(ListServiceNetworkServiceAssociationsCommand)
      .rejects(Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" }));

    // Act
    const call = listNetworkServices(client, NETWORK_ID, recordingLogger());

    // Assert
    await expect(call).rejects.toMatchObject({ name: "ThrottlingException" });
  });
});
