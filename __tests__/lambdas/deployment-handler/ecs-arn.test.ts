import { clusterArnOf, parseEcsServiceArn, versionOf } from "../../../lambdas/deployment-handler/ecs-arn";

describe("Function: parseEcsServiceArn", () => {
  test("splits a service ARN into cluster and service", () => {
    // Act
    const ref = parseEcsServiceArn("arn:aws:ecs:eu-west-1:111122223333:service/sl-cluster/orders");

    // Assert
    expect(ref).toEqual({
      arn: "arn:aws:ecs:eu-west-1:111122223333:service/sl-cluster/orders",
      partition: "aws",
      region: "eu-west-1",
      accountId: "111122223333",
      clusterName: "sl-cluster",
      serviceName: "orders",
    });
  });

  test("accepts the old format without a cluster", () => {
    // Act
    const ref = parseEcsServiceArn("arn:aws-us-gov:ecs:us-gov-west-1:111122223333:service/orders");

    // Assert
    expect(ref).toMatchObject({ partition: "aws-us-gov", clusterName: null, serviceName: "orders" });
  });

  test.each([
    "arn:aws:ecs:eu-west-1:111122223333:task/sl-cluster/0123456789abcdef",
    "arn:aws:ecs:eu-west-1:111122223333:cluster/sl-cluster",
    "sl-cluster/orders",
  ])("rejects %p", (arn) => {
    // Act
    const ref = parseEcsServiceArn(arn);

    // Assert
    expect(ref).toBeUndefined();
  });
});

describe("Function: clusterArnOf", () => {
  test("builds the cluster ARN of a service", () => {
    // Act
    const arn = clusterArnOf(parseEcsServiceArn("arn:aws:ecs:eu-west-1:111122223333:service/sl-cluster/orders")!);

    // Assert
    expect(arn).toBe("arn:aws:ecs:eu-west-1:111122223333:cluster/sl-cluster");
  });
});

describe("Function: versionOf", () => {
  test("derives family:revision from a task definition ARN", () => {
    // Act
    const version = versionOf("arn:aws:ecs:eu-west-1:111122223333:task-definition/sl-orders:42");

    // Assert
    expect(version).toBe("sl-orders:42");
  });

  test.each([null, "arn:aws:ecs:eu-west-1:111122223333:task-definition/sl-orders", "not-an-arn"])(
    "gives null for %p",
    (arn) => {
      // Act
      const version = versionOf(arn);

      // Assert
      expect(version).toBeNull();
    }
  );
});
