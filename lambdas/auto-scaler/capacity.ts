/**
 * A uniform view of "the thing whose capacity changes": an ECS service's
 * desired count or an Auto Scaling group's desired capacity.
 */
import type { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import type { ECSClient } from "@aws-sdk/client-ecs";

import type { ComputeTarget } from "../shared/runtime-config";
import { readAsgCapacity } from "./asg-capacity";
import type { CapacityLimits } from "./decision";
import { readEcsCapacity } from "./ecs-capacity";

/** The current capacity of one compute target, and how to change it. */
export interface Capacity {
  readonly computeType: ComputeTarget["type"];
  /** ECS service ARN, or Auto Scaling group name. */
  readonly computeId: string;
  /** ARN for the event's `resources`. */
  readonly resourceArn?: string;
  readonly current: number;
  readonly limits: CapacityLimits;
  /** Sets the desired capacity. */
  apply(desired: number): Promise<void>;
}

export interface ComputeClients {
  readonly ecs: ECSClient;
  readonly autoScaling: AutoScalingClient;
}

/**
 * Reads the current capacity of a compute target.
 * @throws when the target does not exist or cannot be read.
 */
export function readCapacity(compute: ComputeTarget, clients: ComputeClients): Promise<Capacity> {
  switch (compute.type) {
    case "ecs":
      return readEcsCapacity(clients.ecs, compute.clusterName, compute.serviceName);
    case "ec2-asg":
      return readAsgCapacity(clients.autoScaling, compute.autoScalingGroupName);
  }
}
