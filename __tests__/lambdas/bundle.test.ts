/**
 * Bundles each handler with the stack's own esbuild options (CommonJS,
 * node22, minified, AWS SDK included), puts a runtime config beside the
 * bundle, and loads it in a fresh Node process: the entry must load, find its
 * config through the bundle's `__dirname`, and export `handler`.
 * (`npm run bench` measures the load time against its 100 ms target.)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { buildSync } from "esbuild";

import { RUNTIME_CONFIG_FILE } from "../../lambdas/shared/runtime-config";
import { BUNDLE_OPTIONS } from "../../stacks/functions/bundle";
import { runtimeConfig } from "../helpers/runtime-config";

const HANDLERS = ["health-monitor", "auto-scaler", "deployment-handler"] as const;
const ENV = {
  PATH: process.env.PATH,
  AWS_REGION: "eu-west-1",
  SL_EVENT_BUS_NAME: "lifecycle-bus",
  SL_SERVICE_NETWORK_ARN: "arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0a1b2c3d4e5f60718",
  SL_STATE_TABLE_NAME: "sl-state",
  POWERTOOLS_LOG_LEVEL: "SILENT",
};

let outDir: string;

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), "sl-bundle-"));
});

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

function bundle(name: (typeof HANDLERS)[number]): string {
  const dir = join(outDir, name);
  buildSync({
    ...BUNDLE_OPTIONS,
    entryPoints: [join(__dirname, "../../lambdas", name, "index.ts")],
    outfile: join(dir, "index.js"),
    logLevel: "silent",
  });
  return dir;
}

function load(dir: string): { status: number | null; stdout: string; stderr: string } {
  const script = `const m = require(${JSON.stringify(join(dir, "index.js"))}); process.stdout.write(typeof m.handler);`;
  const result = spawnSync(process.execPath, ["--no-warnings", "-e", script], { env: ENV, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.each(HANDLERS)("Bundle: %s", (name) => {
  test("loads with its config beside it and exports handler", () => {
    // Arrange
    const dir = bundle(name);
    writeFileSync(join(dir, RUNTIME_CONFIG_FILE), JSON.stringify(runtimeConfig()));

    // Act
    const result = load(dir);

    // Assert
    expect(result.stderr).toBe("");
    expect(result).toMatchObject({ status: 0, stdout: "function" });
  });

  test("fails at load time, naming the file, without its config", () => {
    // Arrange
    const dir = bundle(name);
    rmSync(join(dir, RUNTIME_CONFIG_FILE), { force: true });

    // Act
    const result = load(dir);

    // Assert
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(join(dir, RUNTIME_CONFIG_FILE));
  });
});
