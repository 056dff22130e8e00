import { isIdle } from "../../../lambdas/shared/idle";

describe("Function: isIdle", () => {
  test.each([
    [99, 100, true],
    [100, 100, false],
    [101, 100, false],
    [0, 0, true],
    [1, 0, false],
  ])("%p requests with minRequests %p gives idle %p", (requests, minRequests, expected) => {
    // Act
    const idle = isIdle(requests, minRequests);

    // Assert
    expect(idle).toBe(expected);
  });
});
