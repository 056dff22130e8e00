/**
 * Synthesizes one environment into the output folder, all or nothing:
 * the config is validated before any construct exists, the app is written
 * to a staging folder next to the output, and the staging folder replaces
 * the output only when synthesis succeeded. A failure leaves the previous
 * output exactly as it was.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve, sep } from "node:path";
import { App } from "cdktf";
import { ConfigError } from "../config/errors";
import { loadConfig, resolveEnvironment, type LoadedConfig } from "../config/load";
import { addStacks } from "./app";

export interface SynthesizeOptions {
  readonly projectRoot: string;
  readonly env: NodeJS.ProcessEnv;
}

export interface SynthesizeResult {
  readonly loaded: LoadedConfig;
  readonly outdir: string;
  readonly stacks: string[];
}

function parseObject(text: string, source: string, fix: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new ConfigError(source, [{ path: source, value: JSON.stringify(text.slice(0, 80)), message: `is not a JSON object. Fix: ${fix}` }]);
  }
  return parsed as Record<string, unknown>;
}

/** The `environment` context value: from the cdktf CLI (CDKTF_CONTEXT_JSON), else from cdktf.json. */
function contextEnvironment(projectRoot: string, env: NodeJS.ProcessEnv): unknown {
  if (env.CDKTF_CONTEXT_JSON !== undefined) {
    const fromCli = parseObject(env.CDKTF_CONTEXT_JSON, "CDKTF_CONTEXT_JSON", "unset it, or set it to an object such as {\"environment\":\"example\"}.");
    if ("environment" in fromCli) return fromCli.environment;
  }
  const cdktfJson = parseObject(readFileSync(join(projectRoot, "cdktf.json"), "utf8"), "cdktf.json", "restore cdktf.json from the repository.");
  const context = cdktfJson.context as Record<string, unknown> | undefined;
  return context?.environment;
}

/**
 * The cdktf CLI (which sets CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS for the
 * app) lists the stack folders before synthesis and deletes those that the
 * new manifest no longer names; it fails if one is already gone. When the CLI
 * drives the app, the orphaned folders are carried into the new output for
 * it to delete. Run directly, the app leaves no orphan behind.
 */
function keepOrphanedStacks(outdir: string, staging: string, stacks: readonly string[]): void {
  const previousStacks = join(outdir, "stacks");
  if (!existsSync(previousStacks)) return;
  for (const entry of readdirSync(previousStacks, { withFileTypes: true })) {
    if (entry.isDirectory() && !stacks.includes(entry.name)) {
      renameSync(join(previousStacks, entry.name), join(staging, "stacks", entry.name));
    }
  }
}

/**
 * The output folder is replaced wholesale, so it must be a folder of its own:
 * not the project root or any folder above it, and, when it exists, empty or
 * an earlier cdktf output (holding manifest.json).
 */
export function assertReplaceableOutdir(outdir: string, projectRoot: string): void {
  const root = resolve(projectRoot);
  const refuse = (why: string) => {
    throw new ConfigError("CDKTF_OUTDIR", [
      { path: "CDKTF_OUTDIR", value: JSON.stringify(outdir), message: `${why}; synthesis replaces the whole output folder. Fix: unset CDKTF_OUTDIR (default cdktf.out) or point it at a folder of its own.` },
    ]);
  };
  if (outdir === root || root.startsWith(outdir.endsWith(sep) ? outdir : outdir + sep)) refuse("is the project folder or contains it");
  if (existsSync(outdir)) {
    if (!statSync(outdir).isDirectory()) refuse("is a file");
    const entries = readdirSync(outdir);
    if (entries.length > 0 && !entries.includes("manifest.json")) refuse("holds files that are not a cdktf output (no manifest.json)");
  }
}

export function synthesize(options: SynthesizeOptions): SynthesizeResult {
  const { projectRoot, env } = options;
  const choice = resolveEnvironment(env, () => contextEnvironment(projectRoot, env));
  const loaded = loadConfig(projectRoot, choice.name, choice.source);

  const requested = env.CDKTF_OUTDIR === undefined || env.CDKTF_OUTDIR.trim() === "" ? "cdktf.out" : env.CDKTF_OUTDIR;
  const outdir = resolve(projectRoot, requested);
  assertReplaceableOutdir(outdir, projectRoot);
  const staging = join(dirname(outdir), `.${basename(outdir)}.staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    const app = new App({ outdir: staging, skipValidation: false });
    addStacks(app, loaded, { projectRoot, outdir });
    app.synth();
    const stacks = app.node.children.map((c) => c.node.id);
    if (env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined) keepOrphanedStacks(outdir, staging, stacks);
    const previous = `${staging}.previous`;
    if (existsSync(outdir)) renameSync(outdir, previous);
    renameSync(staging, outdir);
    rmSync(previous, { recursive: true, force: true });
    return { loaded, outdir, stacks };
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}
