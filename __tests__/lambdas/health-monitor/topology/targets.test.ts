import { ListTargetsCommand, ResourceNotFoundException, VPCLatticeClient } from "@aws-sdk/client-vpc-lattice";
import { mockClient } from "aws-sdk-client-mock";

import { IncompletePagingError } from "../../../../lambdas/health-monitor/topology/errors";
import { readTargetCounts } from "../../../../lambdas/health-monitor/topology/targets";
import {
  counts,
  fakeTargets,
  targetGroupArn,
  targetGroupId,
  targetSummary,
  targets,
  times,
} from "../../../helpers/topology-fixtures";

const latticeMock = mockClient(VPCLatticeClient);
const client = new VPCLatticeClient({ region: "eu-west-1" });

const TG = targetGroupId(0xb1);

/** ListTargets pages with one target each and a fresh nextToken every time. */
function endlessTargets() {
  let calls = 0;
  latticeMock.on(ListTargetsCommand).callsFake(() => {
    calls++;
    return { items: targets(["HEALTHY"], calls), nextToken: `token-${calls}` };
  });
  return { calls: () => calls };
}

beforeEach(() => {
  latticeMock.reset();
});

describe("Function: readTargetCounts", () => {
  test("counts the targets of every page by status", async () => {
    // Arrange: 250 targets of every status, 100 per page
    const statuses = [
      ...times(200, "HEALTHY"),
      ...times(20, "UNHEALTHY"),
      ...times(10, "UNAVAILABLE"),
      ...times(8, "DRAINING"),
      ...times(7, "INITIAL"),
      ...times(5, "UNUSED"),
    ];
    latticeMock.on(ListTargetsCommand).callsFake(fakeTargets(TG, targets(statuses)));

    // Act
    const result = await readTargetCounts(client, TG);

    // Assert
    expect(result).toEqual(
      counts({ HEALTHY: 200, UNHEALTHY: 20, UNAVAILABLE: 10, DRAINING: 8, INITIAL: 7, UNUSED: 5 })
    );
    expect(latticeMock).toHaveReceivedCommandTimes(ListTargetsCommand, 3);
  });

  test("sends the target group, pages of 100 and each nextToken", async () => {
    // Arrange
    latticeMock.on(ListTargetsCommand).callsFake(fakeTargets(TG, targets(times(150, "HEALTHY"))));

    // Act
    await readTargetCounts(client, TG);

    // Assert
    expect(latticeMock).toHaveReceivedNthCommandWith(1, ListTargetsCommand, {
      targetGroupIdentifier: TG,
      maxResults: 100,
      nextToken: undefined,
    });
    expect(latticeMock).toHaveReceivedNthCommandWith(2, ListTargetsCommand, {
      targetGroupIdentifier: TG,
      maxResults: 100,
      nextToken: expect.any(String),
    });
  });

  test("counts an unknown status and a missing status as OTHER", async () => {
    // Arrange
    latticeMock
      .on(ListTargetsCommand)
      .resolves({ items: [targetSummary(1, "HEALTHY"), targetSummary(2, "QUARANTINED"), targetSummary(3, undefined)] });

    // Act
    const result = await readTargetCounts(client, TG);

    // Assert
    expect(result).toEqual(counts({ HEALTHY: 1, OTHER: 2 }));
  });

  test("returns zero of every status for a target group without targets", async () => {
    // Arrange: Lattice sends an empty list; a response without items counts the same
    latticeMock.on(ListTargetsCommand).resolvesOnce({ items: [] }).resolvesOnce({});

    // Act
    const empty = await readTargetCounts(client, TG);
    const missing = await readTargetCounts(client, TG);

    // Assert
    expect(empty).toEqual(counts());
    expect(missing).toEqual(counts());
  });

  test("accepts a target group ARN", async () => {
    // Arrange
    latticeMock.on(ListTargetsCommand).resolves({ items: targets(["HEALTHY"]) });

    // Act
    await readTargetCounts(client, targetGroupArn(TG));

    // Assert
    expect(latticeMock).toHaveReceivedCommandWith(ListTargetsCommand, { targetGroupIdentifier: targetGroupArn(TG) });
  });

  test("throws naming the target group and ListTargets when a nextToken seen before comes back", async () => {
    // Arrange: token-a, token-b, token-a ...
    let calls = 0;
    latticeMock.on(ListTargetsCommand).callsFake(() => {
      calls++;
      return { items: targets(["HEALTHY"], calls), nextToken: calls % 2 === 1 ? "token-a" : "token-b" };
    });

    // Act
    const call = readTargetCounts(client, TG);

    // Assert
    await expect(call).rejects.toThrow(IncompletePagingError);
    await expect(call).rejects.toThrow(
      `ListTargets for target group ${TG} stopped early (a NextToken seen before came back after 3 pages); ` +
        "3 targets were read in 3 pages, the rest is unknown"
    );
    expect(calls).toBe(3);
  });

  test("throws when the page limit is reached with a nextToken pending", async () => {
    // Arrange: a fresh token on every page
    const chain = endlessTargets();

    // Act
    const call = readTargetCounts(client, TG, 3);

    // Assert
    await expect(call).rejects.toThrow("the limit of 3 pages was reached with a NextToken pending");
    expect(chain.calls()).toBe(3);
  });

  test("stops after 20 pages by default", async () => {
    // Arrange: a fresh token on every page
    const chain = endlessTargets();

    // Act
    const call = readTargetCounts(client, TG);

    // Assert
    await expect(call).rejects.toThrow("the limit of 20 pages was reached with a NextToken pending");
    expect(chain.calls()).toBe(20);
  });

  test("rethrows an SDK error", async () => {
    // Arrange
    latticeMock.on(ListTargetsCommand).rejects(
      new ResourceNotFoundException({
        message: `Target group ${TG} not found`,
        resourceId: TG,
        resourceType: "TARGET_GROUP",
        $metadata: {},
      })
    );

    // Act
    const call = readTargetCounts(client, TG);

    // Assert
    await expect(call).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });
});
