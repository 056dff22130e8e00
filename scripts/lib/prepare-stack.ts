/**
 * Copies a synthesized stack into the check's work folder and rewrites the
 * copy's cdk.tf.json so Terraform can validate and plan it offline.
 * The stack folder in cdktf.out is only ever read.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { standInForArchiveFiles } from "./archive-build";
import { makeAwsProviderOffline } from "./aws-provider";
import { removeBackend } from "./backend";
import { CheckError } from "./errors";
import type { StackEntry } from "./manifest";
import { findRemoteStateReads } from "./remote-state";
import { isObject, type Json, type JsonObject } from "./tf-json";

/** A stack copy ready for Terraform. */
export interface PreparedStack {
  readonly name: string;
  /** Absolute path of the copy (`.check/<stack>`). */
  readonly dir: string;
  /** What was changed in the copy, one line each. */
  readonly notes: string[];
}

/** Files from earlier Terraform runs that must not leak into the copy. */
const SKIPPED = new Set([".terraform", ".terraform.lock.hcl", "terraform.tfstate", "terraform.tfstate.backup", "plan.tfplan"]);

/**
 * Copies `stack` to `<workDir>/<name>` (replacing any earlier copy) and makes
 * the copy plannable offline.
 *
 * @throws CheckError if the configuration cannot be made to plan offline.
 */
export function prepareStack(stack: StackEntry, workDir: string): PreparedStack {
  const dir = join(workDir, stack.name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(stack.dir, dir, { recursive: true, filter: (src) => !SKIPPED.has(basename(src)) });

  const file = join(dir, basename(stack.configFile));
  let config = parseConfig(readFileSync(file, "utf8"), stack.configFile);
  const notes = [...removeBackend(config)];
  const archives = standInForArchiveFiles(dir, config);
  config = archives.config;
  notes.push(...archives.notes, ...makeAwsProviderOffline(config));

  const remote = findRemoteStateReads(config);
  if (remote.length > 0) {
    throw new CheckError(
      `stack ${stack.name} reads other state with ${remote.join(", ")}; an offline plan cannot reach any backend.`,
      "Pass the values between stacks through configuration instead of cross-stack references, or extend scripts/lib/remote-state.ts.",
    );
  }
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return { name: stack.name, dir, notes };
}

function parseConfig(text: string, file: string): JsonObject {
  let parsed: Json;
  try {
    parsed = JSON.parse(text) as Json;
  } catch (e) {
    throw new CheckError(`${file} is not valid JSON: ${(e as Error).message}`, "Synthesize again.");
  }
  if (!isObject(parsed)) throw new CheckError(`${file} does not hold a JSON object.`, "Synthesize again.");
  return parsed;
}
