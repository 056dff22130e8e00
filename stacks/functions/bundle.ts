/**
 * Bundles one handler under `lambdas/<name>/index.ts` with the esbuild API
 * into a folder that also holds the handler's runtime config, plus a
 * deterministic zip of that folder.
 *
 * The output is CommonJS for Node.js 22, minified, with the AWS SDK v3
 * bundled (not external): a bundled, minified SDK cold-starts faster than the
 * copy in the runtime, and its version is ours to choose.
 *
 * Folders are content-addressed (`.build/assets/<name>-<hash>`), written via
 * a temporary folder and a rename, so parallel synths never see half a bundle.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildSync, version as esbuildVersion, type BuildOptions } from "esbuild";
import { RUNTIME_CONFIG_FILE, type RuntimeConfig } from "../../lambdas/shared/runtime-config";
import type { HandlerName } from "../shared/naming";
import { readCachedBundle, writeCachedBundle } from "./bundle-cache";
import { zipDirectory } from "./zip";

/** esbuild options shared by every handler; part of the content hash. */
export const BUNDLE_OPTIONS: Readonly<BuildOptions> = {
  bundle: true,
  platform: "node",
  target: "node22",
  format: "cjs",
  minify: true,
  sourcemap: false,
  legalComments: "none",
  mainFields: ["module", "main"],
  logLevel: "error",
};

export interface HandlerBundle {
  /** Folder holding `index.js` and the runtime config. */
  readonly dir: string;
  /** Deterministic zip of `dir`. */
  readonly zipFile: string;
  /** Content hash of code, config, esbuild version and options. */
  readonly hash: string;
  /** Size of `index.js` in bytes. */
  readonly codeBytes: number;
}

const codeCache = new Map<string, Uint8Array>();

/** Hash of the esbuild version and the options: a cached bundle is reused only under the same ones. */
const OPTIONS_KEY = createHash("sha256").update(esbuildVersion).update(JSON.stringify(BUNDLE_OPTIONS)).digest("hex");

/**
 * The minified code of one handler. esbuild runs at most once per handler and
 * process, and not at all while the on-disk cache matches every input file.
 */
export function bundleCode(projectRoot: string, handler: HandlerName): Uint8Array {
  const key = `${projectRoot}:${handler}`;
  const memo = codeCache.get(key) ?? readCachedBundle(projectRoot, handler, OPTIONS_KEY);
  if (memo) {
    codeCache.set(key, memo);
    return memo;
  }
  const result = buildSync({
    ...BUNDLE_OPTIONS,
    absWorkingDir: projectRoot,
    entryPoints: [join("lambdas", handler, "index.ts")],
    outfile: "index.js",
    write: false,
    metafile: true,
  });
  const code = result.outputFiles[0].contents;
  writeCachedBundle(projectRoot, handler, OPTIONS_KEY, Object.keys(result.metafile.inputs).sort(), code);
  codeCache.set(key, code);
  return code;
}

function writeAtomically(target: string, write: (tmp: string) => void): void {
  if (existsSync(target)) return;
  const tmp = `${target}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  write(tmp);
  try {
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(target)) throw err;
  }
}

/** Bundles a handler with its runtime config; reuses an identical earlier bundle. */
export function bundleHandler(projectRoot: string, handler: HandlerName, runtimeConfig: RuntimeConfig): HandlerBundle {
  const code = bundleCode(projectRoot, handler);
  const configJson = `${JSON.stringify(runtimeConfig, null, 2)}\n`;
  const hash = createHash("sha256")
    .update(OPTIONS_KEY)
    .update(code)
    .update(configJson)
    .digest("hex")
    .slice(0, 16);

  const assetsDir = join(projectRoot, ".build", "assets");
  mkdirSync(assetsDir, { recursive: true });
  const dir = join(assetsDir, `${handler}-${hash}`);
  writeAtomically(dir, (tmp) => {
    mkdirSync(tmp);
    writeFileSync(join(tmp, "index.js"), code);
    writeFileSync(join(tmp, RUNTIME_CONFIG_FILE), configJson);
  });
  const zipFile = `${dir}.zip`;
  writeAtomically(zipFile, (tmp) => writeFileSync(tmp, zipDirectory(dir)));
  return { dir, zipFile, hash, codeBytes: code.byteLength };
}
