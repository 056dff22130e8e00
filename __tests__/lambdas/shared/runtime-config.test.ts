import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { RUNTIME_CONFIG_FILE, findService, loadRuntimeConfig } from "../../../lambdas/shared/runtime-config";
import { runtimeConfig } from "../../helpers/runtime-config";

describe("Function: loadRuntimeConfig", () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "sl-config-"));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test("reads the config file from the given folder", () => {
    // Arrange
    const config = runtimeConfig();
    writeFileSync(join(dir, RUNTIME_CONFIG_FILE), JSON.stringify(config));

    // Act
    const loaded = loadRuntimeConfig(dir);

    // Assert
    expect(loaded).toEqual(config);
  });

  test("rejects a file of another schema version", () => {
    // Arrange
    writeFileSync(join(dir, RUNTIME_CONFIG_FILE), JSON.stringify({ ...runtimeConfig(), schemaVersion: 1 }));

    // Act
    const act = () => loadRuntimeConfig(dir);

    // Assert
    expect(act).toThrow(/is not a service-lifecycle runtime config/);
  });
});

describe("Function: findService", () => {
  test("finds a service by its Lattice service name", () => {
    // Act
    const service = findService(runtimeConfig(), "sl-billing");

    // Assert
    expect(service?.name).toBe("billing");
  });

  test("returns undefined for a service that is not configured", () => {
    // Act
    const service = findService(runtimeConfig(), "billing");

    // Assert
    expect(service).toBeUndefined();
  });
});
