/**
 * ARN helpers for ECS services and task definitions.
 */

/** The parts of an ECS service ARN. */
export interface EcsServiceRef {
  readonly arn: string;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** Cluster name; `null` for the old ARN format without a cluster. */
  readonly clusterName: string | null;
  readonly serviceName: string;
}

const SERVICE_ARN = /^arn:(aws[a-z-]*):ecs:([a-z0-9-]+):(\d{12}):service\/(?:([^/]+)\/)?([^/]+)$/;
const TASK_DEFINITION_ARN = /:task-definition\/([A-Za-z0-9_-]+):(\d+)$/;

/**
 * Parses `arn:aws:ecs:<region>:<account>:service/<cluster>/<service>`
 * (and the old `service/<service>` form).
 * @returns `undefined` when the value is not an ECS service ARN.
 */
export function parseEcsServiceArn(arn: string): EcsServiceRef | undefined {
  const match = SERVICE_ARN.exec(arn);
  if (!match) {
    return undefined;
  }
  const [, partition, region, accountId, clusterName, serviceName] = match;
  return { arn, partition, region, accountId, clusterName: clusterName ?? null, serviceName };
}

/** The cluster ARN that belongs to a service ARN, or `null` when the ARN names no cluster. */
export function clusterArnOf(ref: EcsServiceRef): string | null {
  return ref.clusterName === null
    ? null
    : `arn:${ref.partition}:ecs:${ref.region}:${ref.accountId}:cluster/${ref.clusterName}`;
}

/**
 * The deployed "version" of a task definition ARN: `family:revision`
 * (`arn:aws:ecs:eu-west-1:123456789012:task-definition/orders:42` → `orders:42`).
 * @returns `null` when the ARN has no family and revision.
 */
export function versionOf(taskDefinitionArn: string | null): string | null {
  const match = taskDefinitionArn === null ? null : TASK_DEFINITION_ARN.exec(taskDefinitionArn);
  return match ? `${match[1]}:${match[2]}` : null;
}
