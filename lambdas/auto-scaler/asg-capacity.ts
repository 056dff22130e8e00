/**
 * Desired capacity of an EC2 Auto Scaling group: `DescribeAutoScalingGroups`
 * to read it, `SetDesiredCapacity` (ignoring the group's own cooldown; this
 * handler keeps its own) to set it.
 */
import { DescribeAutoScalingGroupsCommand, SetDesiredCapacityCommand } from "@aws-sdk/client-auto-scaling";
import type { AutoScalingClient } from "@aws-sdk/client-auto-scaling";

import type { Capacity } from "./capacity";

/**
 * Reads the desired capacity and size limits of one Auto Scaling group.
 * @throws when the group does not exist, is being deleted, or reports no desired capacity.
 */
export async function readAsgCapacity(client: AutoScalingClient, groupName: string): Promise<Capacity> {
  const response = await client.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [groupName] }));
  const group = response.AutoScalingGroups?.find((g) => g.AutoScalingGroupName === groupName);
  if (!group) {
    throw new Error(`Auto Scaling group ${groupName} was not found`);
  }
  if (group.Status) {
    // Status is only set while the group is being deleted.
    throw new Error(`Auto Scaling group ${groupName} is not usable: ${group.Status}`);
  }
  if (typeof group.DesiredCapacity !== "number") {
    throw new Error(`Auto Scaling group ${groupName} reports no DesiredCapacity`);
  }
  return {
    computeType: "ec2-asg",
    computeId: groupName,
    resourceArn: group.AutoScalingGroupARN,
    current: group.DesiredCapacity,
    limits: { min: group.MinSize, max: group.MaxSize },
    apply: async (desired) => {
      await client.send(
        new SetDesiredCapacityCommand({
          AutoScalingGroupName: groupName,
          DesiredCapacity: desired,
          HonorCooldown: false,
        })
      );
    },
  };
}
