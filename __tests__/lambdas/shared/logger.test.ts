import { createLogger } from "../../../lambdas/shared/logger";

/** Runs `act` and returns the JSON lines the logger wrote to stdout and stderr. */
function captureJsonLines(act: () => void): Record<string, unknown>[] {
  const written: string[] = [];
  const record = (chunk: string | Uint8Array): boolean => {
    written.push(String(chunk));
    return true;
  };
  const spies = [
    jest.spyOn(process.stdout, "write").mockImplementation(record),
    jest.spyOn(process.stderr, "write").mockImplementation(record),
  ];
  try {
    act();
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
  return written
    .join("")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

describe("Function: createLogger", () => {
  const saved = { ...process.env };

  afterEach(() => {
    process.env = { ...saved };
  });

  test("writes one JSON line per entry, named after the handler when POWERTOOLS_SERVICE_NAME is unset", () => {
    // Arrange
    delete process.env.POWERTOOLS_SERVICE_NAME;
    delete process.env.POWERTOOLS_DEV;
    process.env.POWERTOOLS_LOG_LEVEL = "INFO";
    const logger = createLogger("health-monitor");

    // Act
    const lines = captureJsonLines(() => logger.info("Health check finished", { services_checked: 3 }));

    // Assert
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "INFO",
      message: "Health check finished",
      service: "health-monitor",
      services_checked: 3,
    });
  });

  test("prefers POWERTOOLS_SERVICE_NAME", () => {
    // Arrange
    process.env.POWERTOOLS_SERVICE_NAME = "sl-prod-health-monitor";
    delete process.env.POWERTOOLS_DEV;
    process.env.POWERTOOLS_LOG_LEVEL = "INFO";
    const logger = createLogger("health-monitor");

    // Act
    const lines = captureJsonLines(() => logger.warn("x"));

    // Assert
    expect(lines[0]).toMatchObject({ service: "sl-prod-health-monitor" });
  });

  test("honours POWERTOOLS_LOG_LEVEL", () => {
    // Arrange
    process.env.POWERTOOLS_LOG_LEVEL = "ERROR";
    delete process.env.POWERTOOLS_DEV;
    const logger = createLogger("auto-scaler");

    // Act
    const lines = captureJsonLines(() => logger.info("not written"));

    // Assert
    expect(lines).toEqual([]);
  });
});
