/**
 * Provider classes must be imported by deep path (`@cdktf/provider-aws/lib/<resource>`):
 * the root barrel loads every resource class, which costs seconds and about a gigabyte.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { PROJECT_ROOT } from "../helpers/synth";

const BARREL = /(?:from\s+|require\(\s*|import\(\s*)["'](@cdktf\/provider-(?:aws|archive))(?:\/lib)?\/?["']/g;

/** Lines that import a provider package through its root barrel. */
export function barrelImports(source: string): string[] {
  return [...source.matchAll(BARREL)].map((m) => m[0]);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (["node_modules", "cdktf.out", ".build", ".check", ".git"].includes(name)) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mjs|js)$/.test(name) ? [path] : [];
  });
}

describe("provider imports", () => {
  test("the detector flags barrel imports and accepts deep ones", () => {
    expect(barrelImports('import { LambdaFunction } from "@cdktf/provider-aws";')).toHaveLength(1);
    expect(barrelImports("const aws = require('@cdktf/provider-archive');")).toHaveLength(1);
    expect(barrelImports('import * as aws from "@cdktf/provider-aws/lib";')).toHaveLength(1);
    expect(barrelImports('import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";')).toEqual([]);
  });

  test("no project file imports a provider's root barrel", () => {
    const offenders = sourceFiles(PROJECT_ROOT)
      .filter((f) => !f.endsWith("deep-imports.test.ts"))
      .flatMap((f) => barrelImports(readFileSync(f, "utf8")).map((hit) => `${relative(PROJECT_ROOT, f)}: ${hit}`));
    expect(offenders).toEqual([]);
  });
});
