#!/usr/bin/env node
/**
 * Runs a TypeScript entry point (default: main.ts) with plain Node.
 *
 * esbuild transpiles the entry and the project's own modules into one CommonJS
 * file under .build/run/, leaving every package in node_modules external so
 * provider classes are loaded by deep path, exactly as imported. This is about
 * ten times faster than ts-node and needs a fraction of the memory.
 * Types are not checked here: `npm run typecheck` does that.
 *
 * Usage: node scripts/run-ts.mjs [entry.ts] [args...]
 */
import { buildSync } from "esbuild";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const entryArg = process.argv[2] && process.argv[2].endsWith(".ts") ? process.argv[2] : "main.ts";
const entry = resolve(root, entryArg);
const outDir = join(root, ".build", "run");
const outFile = join(outDir, `${basename(entry, ".ts")}.cjs`);

mkdirSync(outDir, { recursive: true });
buildSync({
  entryPoints: [entry],
  outfile: outFile,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  packages: "external",
  sourcemap: "inline",
  logLevel: "error",
  absWorkingDir: root,
});

if (process.argv[2] === entryArg) process.argv.splice(2, 1);
createRequire(import.meta.url)(outFile);
