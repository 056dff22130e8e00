import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { BUNDLE_OPTIONS, bundleHandler } from "../../../stacks/functions/bundle";
import { toRuntimeConfig } from "../../../stacks/functions/runtime-config";
import { validateConfig } from "../../../config/load";
import { RUNTIME_CONFIG_FILE } from "../../../lambdas/shared/runtime-config";
import { exampleInput, PROJECT_ROOT } from "../../helpers/synth";

const runtimeConfig = toRuntimeConfig(validateConfig(exampleInput(), "example"));
const bundle = bundleHandler(PROJECT_ROOT, "health-monitor", runtimeConfig);
const code = readFileSync(join(bundle.dir, "index.js"), "utf8");

describe("bundleHandler", () => {
  test("targets Node.js 22 as minified CommonJS", () => {
    expect(BUNDLE_OPTIONS).toMatchObject({ format: "cjs", target: "node22", minify: true, platform: "node", bundle: true });
    expect(code).toMatch(/module\.exports/);
    // Minified: a few long lines (template literals keep their own newlines).
    expect(code.split("\n").length).toBeLessThan(code.length / 1000);
  });

  test("bundles the AWS SDK instead of requiring it from the runtime", () => {
    // Every runtime require is a Node.js built-in; `[require("@aws-sdk/...")]` only
    // appears inside the SDK's own error messages about optional signers.
    const requires = [...code.matchAll(/(?<!\[)require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(requires.length).toBeGreaterThan(0);
    expect(requires.filter((r) => !r.startsWith("node:"))).toEqual([]);
    expect(code).toContain("ListServiceNetworkServiceAssociations");
  });

  test("places the runtime config next to the code", () => {
    expect(readdirSync(bundle.dir).sort()).toEqual(["index.js", RUNTIME_CONFIG_FILE].sort());
    expect(JSON.parse(readFileSync(join(bundle.dir, RUNTIME_CONFIG_FILE), "utf8"))).toEqual(runtimeConfig);
  });

  test("derives the same hash and folder from the same input", () => {
    expect(bundleHandler(PROJECT_ROOT, "health-monitor", runtimeConfig)).toEqual(bundle);
  });

  test("changes the hash when the runtime config changes", () => {
    const other = bundleHandler(PROJECT_ROOT, "health-monitor", { ...runtimeConfig, automationMode: "enforce" });
    expect(other.hash).not.toBe(bundle.hash);
    expect(other.dir).not.toBe(bundle.dir);
  });
});
