import { chunk } from "../../../lambdas/shared/chunk";

describe("Function: chunk", () => {
  test("splits items into chunks of the given size with a shorter last chunk", () => {
    // Act
    const chunks = chunk([1, 2, 3, 4, 5], 2);

    // Assert
    expect(chunks).toEqual([[1, 2], [3, 4], [5]]);
  });

  test("returns no chunks for no items", () => {
    // Act
    const chunks = chunk([], 10);

    // Assert
    expect(chunks).toEqual([]);
  });

  test("throws for a size below 1", () => {
    // Act
    const act = () => chunk([1], 0);

    // Assert
    expect(act).toThrow("chunk size must be a positive integer, got 0");
  });
});
