import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readCachedBundle, writeCachedBundle } from "../../../stacks/functions/bundle-cache";

describe("bundle cache", () => {
  let root: string;
  const code = new TextEncoder().encode("module.exports={};");

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "sl-cache-"));
    mkdirSync(join(root, "lambdas", "x"), { recursive: true });
    writeFileSync(join(root, "lambdas", "x", "index.ts"), "export const a = 1;");
    writeFileSync(join(root, "dep.js"), "exports.b = 2;");
    writeCachedBundle(root, "x", "options-1", ["lambdas/x/index.ts", "dep.js"], code);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test("returns the stored output while every input is unchanged", () => {
    expect(readCachedBundle(root, "x", "options-1")).toEqual(code);
  });

  test("misses when one input file changed", () => {
    writeFileSync(join(root, "dep.js"), "exports.b = 3;");
    expect(readCachedBundle(root, "x", "options-1")).toBeUndefined();
  });

  test("misses when an input file is gone", () => {
    rmSync(join(root, "dep.js"));
    expect(readCachedBundle(root, "x", "options-1")).toBeUndefined();
  });

  test("misses under other esbuild options or version", () => {
    expect(readCachedBundle(root, "x", "options-2")).toBeUndefined();
  });

  test("misses when the stored output was altered", () => {
    writeFileSync(join(root, ".build", "bundles", "x.js"), "tampered");
    expect(readCachedBundle(root, "x", "options-1")).toBeUndefined();
  });

  test("misses for a handler that was never built", () => {
    expect(readCachedBundle(root, "y", "options-1")).toBeUndefined();
  });
});
