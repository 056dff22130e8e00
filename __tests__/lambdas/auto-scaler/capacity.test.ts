import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  SetDesiredCapacityCommand,
} from "@aws-sdk/client-auto-scaling";
import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from "@aws-sdk/client-ecs";
import { mockClient } from "aws-sdk-client-mock";

import { readCapacity } from "../../../lambdas/auto-scaler/capacity";

const ecsMock = mockClient(ECSClient);
const asgMock = mockClient(AutoScalingClient);
const clients = {
  ecs: new ECSClient({ region: "eu-west-1" }),
  autoScaling: new AutoScalingClient({ region: "eu-west-1" }),
};
const SERVICE_ARN = "arn:aws:ecs:eu-west-1:111122223333:service/sl-cluster/orders";
const ASG_ARN =
  "arn:aws:autoscaling:eu-west-1:111122223333:autoScalingGroup:2e3f4a5b-6c7d-8e9f-0a1b-2c3d4e5f6a7b:autoScalingGroupName/sl-billing-asg";

beforeEach(() => {
  ecsMock.reset();
  asgMock.reset();
});

describe("Function: readCapacity (ECS)", () => {
  const ecs = { type: "ecs", clusterName: "sl-cluster", serviceName: "orders" } as const;

  test("reads the desired count of the service", async () => {
    // Arrange
    ecsMock.on(DescribeServicesCommand).resolves({
      services: [
        { serviceArn: SERVICE_ARN, serviceName: "orders", status: "ACTIVE", desiredCount: 3, runningCount: 3 },
      ],
      failures: [],
    });

    // Act
    const capacity = await readCapacity(ecs, clients);

    // Assert
    expect(capacity).toMatchObject({ computeType: "ecs", computeId: SERVICE_ARN, current: 3, limits: {} });
    expect(ecsMock).toHaveReceivedCommandWith(DescribeServicesCommand, { cluster: "sl-cluster", services: ["orders"] });
  });

  test("sets the desired count with UpdateService", async () => {
    // Arrange
    ecsMock.on(DescribeServicesCommand).resolves({
      services: [{ serviceArn: SERVICE_ARN, serviceName: "orders", status: "ACTIVE", desiredCount: 3 }],
    });
    ecsMock.on(UpdateServiceCommand).resolves({ service: { serviceArn: SERVICE_ARN, desiredCount: 5 } });
    const capacity = await readCapacity(ecs, clients);

    // Act
    await capacity.apply(5);

    // Assert
    expect(ecsMock).toHaveReceivedCommandWith(UpdateServiceCommand, {
      cluster: "sl-cluster",
      service: "orders",
      desiredCount: 5,
    });
  });

  test("throws when ECS reports the service in failures", async () => {
    // Arrange
    ecsMock.on(DescribeServicesCommand).resolves({ services: [], failures: [{ arn: SERVICE_ARN, reason: "MISSING" }] });

    // Act
    const call = readCapacity(ecs, clients);

    // Assert
    await expect(call).rejects.toThrow("ECS service orders in cluster sl-cluster cannot be described: MISSING");
  });

  test("throws when the service is missing from the response", async () => {
    // Arrange
    ecsMock.on(DescribeServicesCommand).resolves({});

    // Act
    const call = readCapacity(ecs, clients);

    // Assert
    await expect(call).rejects.toThrow("ECS service orders was not found in cluster sl-cluster");
  });

  test("throws for a service that is not ACTIVE", async () => {
    // Arrange
    ecsMock.on(DescribeServicesCommand).resolves({
      services: [{ serviceArn: SERVICE_ARN, serviceName: "orders", status: "DRAINING", desiredCount: 0 }],
    });

    // Act
    const call = readCapacity(ecs, clients);

    // Assert
    await expect(call).rejects.toThrow("ECS service orders in cluster sl-cluster is DRAINING, not ACTIVE");
  });
});

describe("Function: readCapacity (EC2 Auto Scaling)", () => {
  const asg = { type: "ec2-asg", autoScalingGroupName: "sl-billing-asg" } as const;
  const group = {
    AutoScalingGroupName: "sl-billing-asg",
    AutoScalingGroupARN: ASG_ARN,
    MinSize: 1,
    MaxSize: 8,
    DesiredCapacity: 4,
    DefaultCooldown: 300,
    AvailabilityZones: ["eu-west-1a"],
    HealthCheckType: "EC2",
    CreatedTime: new Date("2025-01-01T00:00:00Z"),
  };

  test("reads the desired capacity and the group's size limits", async () => {
    // Arrange
    asgMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group] });

    // Act
    const capacity = await readCapacity(asg, clients);

    // Assert
    expect(capacity).toMatchObject({
      computeType: "ec2-asg",
      computeId: "sl-billing-asg",
      resourceArn: ASG_ARN,
      current: 4,
      limits: { min: 1, max: 8 },
    });
    expect(asgMock).toHaveReceivedCommandWith(DescribeAutoScalingGroupsCommand, {
      AutoScalingGroupNames: ["sl-billing-asg"],
    });
  });

  test("sets the desired capacity without honouring the group's cooldown", async () => {
    // Arrange
    asgMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group] });
    asgMock.on(SetDesiredCapacityCommand).resolves({});
    const capacity = await readCapacity(asg, clients);

    // Act
    await capacity.apply(6);

    // Assert
    expect(asgMock).toHaveReceivedCommandWith(SetDesiredCapacityCommand, {
      AutoScalingGroupName: "sl-billing-asg",
      DesiredCapacity: 6,
      HonorCooldown: false,
    });
  });

  test("throws when the group does not exist", async () => {
    // Arrange
    asgMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });

    // Act
    const call = readCapacity(asg, clients);

    // Assert
    await expect(call).rejects.toThrow("Auto Scaling group sl-billing-asg was not found");
  });

  test("throws when the group is being deleted", async () => {
    // Arrange
    asgMock
      .on(DescribeAutoScalingGroupsCommand)
      .resolves({ AutoScalingGroups: [{ ...group, Status: "Delete in progress" }] });

    // Act
    const call = readCapacity(asg, clients);

    // Assert
    await expect(call).rejects.toThrow("Auto Scaling group sl-billing-asg is not usable: Delete in progress");
  });
});
