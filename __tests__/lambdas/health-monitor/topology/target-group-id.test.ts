import { normalizeTargetGroupId } from "../../../../lambdas/health-monitor/topology/target-group-id";
import { targetGroupArn, targetGroupId } from "../../../helpers/topology-fixtures";

const TG = targetGroupId(0xb1);

describe("Function: normalizeTargetGroupId", () => {
  test("returns the id at the end of a target group ARN", () => {
    // Act
    const id = normalizeTargetGroupId(targetGroupArn(TG));

    // Assert
    expect(id).toBe(TG);
  });

  test("returns the id of a target group ARN in another partition", () => {
    // Act
    const id = normalizeTargetGroupId(`arn:aws-cn:vpc-lattice:cn-north-1:111122223333:targetgroup/${TG}`);

    // Assert
    expect(id).toBe(TG);
  });

  test("returns an id as it is", () => {
    // Act
    const id = normalizeTargetGroupId(TG);

    // Assert
    expect(id).toBe(TG);
  });

  test.each([
    ["the ARN of another Lattice resource", `arn:aws:vpc-lattice:eu-west-1:111122223333:service/svc-00000000000000001`],
    [
      "the ARN of another service",
      `arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/0123456789abcdef`,
    ],
    ["a target group ARN with a path after the id", `arn:aws:vpc-lattice:eu-west-1:111122223333:targetgroup/${TG}/x`],
  ])("returns %s as it is", (_label, identifier) => {
    // Act
    const id = normalizeTargetGroupId(identifier);

    // Assert
    expect(id).toBe(identifier);
  });
});
