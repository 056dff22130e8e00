import { positiveIntEnv, requireEnv } from "../../../lambdas/shared/env";

describe("Function: requireEnv", () => {
  test("returns the value of a set variable", () => {
    // Arrange
    const env = { SL_EVENT_BUS_NAME: "lifecycle-bus" };

    // Act
    const value = requireEnv("SL_EVENT_BUS_NAME", env);

    // Assert
    expect(value).toBe("lifecycle-bus");
  });

  test("throws naming the variable when it is missing", () => {
    // Arrange
    const env = {};

    // Act
    const act = () => requireEnv("SL_STATE_TABLE_NAME", env);

    // Assert
    expect(act).toThrow("Environment variable SL_STATE_TABLE_NAME is required but is not set");
  });

  test("treats a blank value as missing", () => {
    // Arrange
    const env = { SL_SERVICE_NETWORK_ARN: "   " };

    // Act
    const act = () => requireEnv("SL_SERVICE_NETWORK_ARN", env);

    // Assert
    expect(act).toThrow(/SL_SERVICE_NETWORK_ARN/);
  });
});

describe("Function: positiveIntEnv", () => {
  test("returns the fallback when the variable is unset", () => {
    // Act
    const value = positiveIntEnv("SL_AWS_MAX_ATTEMPTS", 5, {});

    // Assert
    expect(value).toBe(5);
  });

  test("parses a positive integer", () => {
    // Act
    const value = positiveIntEnv("SL_AWS_MAX_ATTEMPTS", 5, { SL_AWS_MAX_ATTEMPTS: "8" });

    // Assert
    expect(value).toBe(8);
  });

  test.each(["0", "-1", "2.5", "five"])("throws naming the variable for %p", (raw) => {
    // Act
    const act = () => positiveIntEnv("SL_AWS_MAX_ATTEMPTS", 5, { SL_AWS_MAX_ATTEMPTS: raw });

    // Assert
    expect(act).toThrow(`Environment variable SL_AWS_MAX_ATTEMPTS must be a positive integer, got "${raw}"`);
  });
});
