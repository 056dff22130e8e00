import { ecsDeploymentPattern, ecsDeploymentPatterns, MAX_PATTERN_CHARS } from "../../../stacks/events/patterns";

const arn = (i: number) => `arn:aws:ecs:eu-west-1:123456789012:service/acme-production-cluster/service-number-${i}`;

describe("ecsDeploymentPatterns", () => {
  test("keeps a small fleet in one pattern", () => {
    const arns = [arn(1), arn(2)];
    expect(ecsDeploymentPatterns(arns)).toEqual([ecsDeploymentPattern(arns)]);
  });

  test("splits a large fleet into patterns within the size quota, keeping every service once", () => {
    // Arrange
    const arns = Array.from({ length: 100 }, (_, i) => arn(i));

    // Act
    const patterns = ecsDeploymentPatterns(arns);

    // Assert
    expect(patterns.length).toBeGreaterThan(1);
    for (const pattern of patterns) expect(JSON.stringify(pattern).length).toBeLessThanOrEqual(MAX_PATTERN_CHARS);
    expect(patterns.flatMap((p) => p.resources as string[])).toEqual(arns);
  });

  test("makes no pattern without services", () => {
    expect(ecsDeploymentPatterns([])).toEqual([]);
  });
});
