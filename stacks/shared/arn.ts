/**
 * ARNs of resources the stack does not create (the team's ECS services and
 * Auto Scaling groups, the Lattice resources the health monitor reads),
 * built from the config's account and region.
 */
import type { ComputeTarget } from "../../lambdas/shared/runtime-config";

export interface Place {
  readonly accountId: string;
  readonly region: string;
}

/** `arn:aws:ecs:<region>:<account>:service/<cluster>/<service>` (the long ARN format). */
export function ecsServiceArn(place: Place, clusterName: string, serviceName: string): string {
  return `arn:aws:ecs:${place.region}:${place.accountId}:service/${clusterName}/${serviceName}`;
}

/**
 * Both ARN forms an ECS service can have: the long one, and the old one
 * without the cluster that services created before the long format became
 * the default still carry. Rules and policies list both.
 */
export function ecsServiceArnForms(place: Place, clusterName: string, serviceName: string): string[] {
  return [ecsServiceArn(place, clusterName, serviceName), `arn:aws:ecs:${place.region}:${place.accountId}:service/${serviceName}`];
}

/** An Auto Scaling group ARN; its UUID part is unknown here, so it is a wildcard. */
export function autoScalingGroupArn(place: Place, groupName: string): string {
  return `arn:aws:autoscaling:${place.region}:${place.accountId}:autoScalingGroup:*:autoScalingGroupName/${groupName}`;
}

/** The ARNs the auto-scaler may act on for one compute target. */
export function computeArns(place: Place, compute: ComputeTarget): string[] {
  return compute.type === "ecs"
    ? ecsServiceArnForms(place, compute.clusterName, compute.serviceName)
    : [autoScalingGroupArn(place, compute.autoScalingGroupName)];
}

/** A VPC Lattice ARN of the place, `arn:aws:vpc-lattice:<region>:<account>:<resource>`; `resource` may hold wildcards. */
export function latticeArn(place: Place, resource: string): string {
  return `arn:aws:vpc-lattice:${place.region}:${place.accountId}:${resource}`;
}
