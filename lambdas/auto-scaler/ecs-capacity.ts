/**
 * Desired count of an ECS service: `DescribeServices` to read it,
 * `UpdateService` to set it.
 *
 * If the service is also registered with Application Auto Scaling, that
 * service may later move the count back within its own bounds.
 */
import { DescribeServicesCommand, UpdateServiceCommand } from "@aws-sdk/client-ecs";
import type { ECSClient } from "@aws-sdk/client-ecs";

import type { Capacity } from "./capacity";

/**
 * Reads the desired count of one ECS service.
 * @throws when ECS reports the service missing (`failures[]`), not `ACTIVE`, or without a desired count.
 */
export async function readEcsCapacity(client: ECSClient, cluster: string, service: string): Promise<Capacity> {
  const response = await client.send(new DescribeServicesCommand({ cluster, services: [service] }));
  const failure = response.failures?.[0];
  if (failure) {
    throw new Error(
      `ECS service ${service} in cluster ${cluster} cannot be described: ${failure.reason ?? "unknown reason"}` +
        (failure.detail ? ` (${failure.detail})` : "")
    );
  }
  const found = response.services?.find((s) => s.serviceName === service || s.serviceArn?.endsWith(`/${service}`));
  if (!found?.serviceArn) {
    throw new Error(`ECS service ${service} was not found in cluster ${cluster}`);
  }
  if (found.status !== "ACTIVE") {
    throw new Error(
      `ECS service ${service} in cluster ${cluster} is ${found.status ?? "of unknown status"}, not ACTIVE`
    );
  }
  if (typeof found.desiredCount !== "number") {
    throw new Error(`ECS service ${service} in cluster ${cluster} reports no desiredCount`);
  }
  return {
    computeType: "ecs",
    computeId: found.serviceArn,
    resourceArn: found.serviceArn,
    current: found.desiredCount,
    limits: {},
    apply: async (desired) => {
      await client.send(new UpdateServiceCommand({ cluster, service, desiredCount: desired }));
    },
  };
}
