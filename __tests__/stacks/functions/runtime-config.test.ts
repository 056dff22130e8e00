import { validateConfig } from "../../../config/load";
import { RUNTIME_CONFIG_VERSION } from "../../../lambdas/shared/runtime-config";
import { toRuntimeConfig } from "../../../stacks/functions/runtime-config";
import { exampleInput } from "../../helpers/synth";

describe("toRuntimeConfig", () => {
  const config = validateConfig(exampleInput(), "example");
  const runtime = toRuntimeConfig(config);

  test("writes the current runtime config version", () => {
    expect(runtime.schemaVersion).toBe(RUNTIME_CONFIG_VERSION);
  });

  test("turns the health monitor's minutes and days into the seconds the handler uses", () => {
    // Arrange
    const input = exampleInput() as any;
    Object.assign(input.healthCheck, {
      rateMinutes: 2,
      windowMinutes: 10,
      topologyCacheMinutes: 30,
      concurrency: 4,
      targetRefreshChecks: 3,
      stateRetentionDays: 7,
    });

    // Act
    const settings = toRuntimeConfig(validateConfig(input, "x")).healthMonitor;

    // Assert
    expect(settings).toEqual({
      windowMinutes: 10,
      topologyCacheSeconds: 1800,
      concurrency: 4,
      rateSeconds: 120,
      targetRefreshChecks: 3,
      stateTtlSeconds: 7 * 86_400,
    });
  });

  test("keeps a topology cache of 0 as 0, so the topology is read on every run", () => {
    const input = exampleInput() as any;
    input.healthCheck.topologyCacheMinutes = 0;
    expect(toRuntimeConfig(validateConfig(input, "x")).healthMonitor.topologyCacheSeconds).toBe(0);
  });

  test("passes the default thresholds and each service's thresholds through whole", () => {
    expect(runtime.defaultHealth).toEqual(config.healthCheck.defaultHealth);
    expect(runtime.services.map((s) => s.health)).toEqual(config.services.map((s) => s.health));
    expect(runtime.services[0].health).toMatchObject({ minHealthyTargetShare: 0.75, consecutiveChecks: 3 });
  });

  test("names each service's Lattice service with the prefix", () => {
    expect(runtime.services.map((s) => s.latticeServiceName)).toEqual(["acme-example-orders", "acme-example-payments", "acme-example-inventory"]);
  });
});
