/**
 * Finds the task definition a deployment rolls out, with `DescribeServices`.
 *
 * ECS lists only the service's current deployments (PRIMARY and the ones
 * still draining); an older deployment, or a deleted service, is simply not
 * there. Both cases give `null`s instead of an error.
 */
import { DescribeServicesCommand } from "@aws-sdk/client-ecs";
import type { ECSClient } from "@aws-sdk/client-ecs";

export interface DeploymentInfo {
  readonly taskDefinitionArn: string | null;
  readonly clusterArn: string | null;
  /** Why the task definition is `null`, when it is. */
  readonly note?: string;
}

/**
 * Looks up one deployment of one service.
 * @param cluster cluster name or ARN.
 * @param serviceArn the service ARN from the event.
 * @throws only when the call itself fails (throttling past the retries, access denied, ...).
 */
export async function describeDeployment(
  client: ECSClient,
  cluster: string,
  serviceArn: string,
  deploymentId: string
): Promise<DeploymentInfo> {
  const response = await client.send(new DescribeServicesCommand({ cluster, services: [serviceArn] }));
  const service = response.services?.find((s) => s.serviceArn === serviceArn) ?? response.services?.[0];
  if (!service) {
    const failure = response.failures?.[0];
    return {
      taskDefinitionArn: null,
      clusterArn: null,
      note: `service not described: ${failure?.reason ?? "not returned"}`,
    };
  }
  const deployment = service.deployments?.find((d) => d.id === deploymentId);
  return {
    taskDefinitionArn: deployment?.taskDefinition ?? null,
    clusterArn: service.clusterArn ?? null,
    note: deployment?.taskDefinition ? undefined : `deployment ${deploymentId} is no longer listed by ECS`,
  };
}
