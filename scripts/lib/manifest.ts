/**
 * Reads cdktf's `manifest.json`: the list of synthesized stacks and where each
 * stack's folder and Terraform JSON are.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { CheckError } from "./errors";

/** One synthesized stack. */
export interface StackEntry {
  /** The stack's id, e.g. `lifecycle-dev`. */
  readonly name: string;
  /** Absolute path of the stack folder (`<outdir>/stacks/<name>`). */
  readonly dir: string;
  /** Absolute path of the stack's `cdk.tf.json`. */
  readonly configFile: string;
  /** Warnings cdktf attached to constructs in this stack (`@cdktf/warn` annotations). */
  readonly warnings: string[];
}

/**
 * Parses the contents of `manifest.json`.
 *
 * @param manifest - The parsed JSON.
 * @param outdir - Absolute path of the folder that holds manifest.json.
 * @throws CheckError if the manifest lists no stacks or a stack was synthesized as HCL.
 */
export function parseManifest(manifest: unknown, outdir: string): StackEntry[] {
  const stacks = (manifest as { stacks?: unknown } | null)?.stacks;
  if (typeof stacks !== "object" || stacks === null || Object.keys(stacks).length === 0) {
    throw new CheckError(
      `${join(outdir, "manifest.json")} lists no stacks.`,
      "Make sure the app creates at least one TerraformStack and calls app.synth().",
    );
  }
  return Object.values(stacks as Record<string, RawStack>)
    .map((s) => {
      if (typeof s.name !== "string" || typeof s.workingDirectory !== "string" || typeof s.synthesizedStackPath !== "string") {
        throw new CheckError(`${join(outdir, "manifest.json")} has a stack entry without name, workingDirectory or synthesizedStackPath.`);
      }
      if (!s.synthesizedStackPath.endsWith(".json")) {
        throw new CheckError(
          `stack ${s.name} was synthesized as HCL (${s.synthesizedStackPath}); the check reads Terraform JSON.`,
          "Do not set hclOutput on the cdktf App.",
        );
      }
      const warnings = (s.annotations ?? [])
        .filter((a) => a.level === "@cdktf/warn")
        .map((a) => `${a.constructPath ?? s.name}: ${a.message ?? ""}`);
      return { name: s.name, dir: resolve(outdir, s.workingDirectory), configFile: resolve(outdir, s.synthesizedStackPath), warnings };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Reads `<outdir>/manifest.json`.
 *
 * @throws CheckError if it is missing or not JSON, or a listed stack file is missing.
 */
export function readManifest(outdir: string): StackEntry[] {
  const file = join(outdir, "manifest.json");
  if (!existsSync(file)) {
    throw new CheckError(
      `no manifest.json in ${outdir}.`,
      "Synthesize first (run the check without --skip-synth), or pass --outdir if the app writes somewhere other than cdktf.out.",
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new CheckError(`${file} is not valid JSON: ${(e as Error).message}`, "Synthesize again.");
  }
  const stacks = parseManifest(parsed, outdir);
  for (const s of stacks) {
    if (!existsSync(s.configFile)) {
      throw new CheckError(`manifest.json lists stack ${s.name}, but ${s.configFile} does not exist.`, "Synthesize again.");
    }
  }
  return stacks;
}

interface RawStack {
  name?: unknown;
  workingDirectory?: unknown;
  synthesizedStackPath?: unknown;
  annotations?: { level?: string; message?: string; constructPath?: string }[];
}
