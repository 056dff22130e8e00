/**
 * Reuses a handler's esbuild output across processes. An entry holds the
 * output and the list of every file esbuild read for it (from the build's
 * metafile); it is used only while each of those files is byte-identical
 * to when it was built, with the same esbuild version and options, and while
 * the stored output still has the hash recorded for it. Anything else means
 * a fresh build, so a stale bundle is never deployed.
 *
 * Entries live in `.build/bundles/<handler>.json` and `<handler>.js`.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

interface CacheEntry {
  /** Hash of the esbuild version and options. */
  readonly optionsKey: string;
  /** Files esbuild read, relative to the project root. */
  readonly inputs: readonly string[];
  /** Hash of those files' paths and contents. */
  readonly inputsKey: string;
  /** Hash of the stored output. */
  readonly codeKey: string;
}

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

function cacheDir(projectRoot: string): string {
  return join(projectRoot, ".build", "bundles");
}

/** Hash of the inputs' paths and contents; undefined when one is gone. */
export function hashInputs(projectRoot: string, inputs: readonly string[]): string | undefined {
  const hash = createHash("sha256");
  for (const input of inputs) {
    const path = join(projectRoot, input);
    if (!existsSync(path)) return undefined;
    hash.update(input).update("\0").update(readFileSync(path)).update("\0");
  }
  return hash.digest("hex");
}

/** The cached output of a handler, when every input is unchanged. */
export function readCachedBundle(projectRoot: string, handler: string, optionsKey: string): Uint8Array | undefined {
  const entryFile = join(cacheDir(projectRoot), `${handler}.json`);
  const codeFile = join(cacheDir(projectRoot), `${handler}.js`);
  if (!existsSync(entryFile) || !existsSync(codeFile)) return undefined;
  let entry: CacheEntry;
  try {
    entry = JSON.parse(readFileSync(entryFile, "utf8")) as CacheEntry;
  } catch {
    return undefined;
  }
  if (entry.optionsKey !== optionsKey || !Array.isArray(entry.inputs)) return undefined;
  if (hashInputs(projectRoot, entry.inputs) !== entry.inputsKey) return undefined;
  const code = readFileSync(codeFile);
  return sha256(code) === entry.codeKey ? new Uint8Array(code) : undefined;
}

function writeFileAtomically(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** Stores a handler's output with the list of files it was built from. */
export function writeCachedBundle(
  projectRoot: string,
  handler: string,
  optionsKey: string,
  inputs: readonly string[],
  code: Uint8Array,
): void {
  const inputsKey = hashInputs(projectRoot, inputs);
  if (inputsKey === undefined) return;
  mkdirSync(cacheDir(projectRoot), { recursive: true });
  writeFileAtomically(join(cacheDir(projectRoot), `${handler}.js`), code);
  const entry: CacheEntry = { optionsKey, inputs, inputsKey, codeKey: sha256(code) };
  writeFileAtomically(join(cacheDir(projectRoot), `${handler}.json`), JSON.stringify(entry));
}
