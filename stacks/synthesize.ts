/**
 * Synthesizes one environment into the output folder, all or nothing:
 * the config is validated before any construct exists, the app is written
 * to a staging folder next to the output, and the staging folder replaces
 * the output only when synthesis succeeded. A failure leaves the previous
 * output exactly as it was.
 */
import { existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, isAbsolute, join } from "node:path";
import { App } from "cdktf";
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

/** The `environment` context value: from the cdktf CLI, else from cdktf.json. */
function contextEnvironment(projectRoot: string, env: NodeJS.ProcessEnv): unknown {
  const fromCli = env.CDKTF_CONTEXT_JSON ? (JSON.parse(env.CDKTF_CONTEXT_JSON) as Record<string, unknown>) : undefined;
  if (fromCli && "environment" in fromCli) return fromCli.environment;
  const cdktfJson = JSON.parse(readFileSync(join(projectRoot, "cdktf.json"), "utf8")) as { context?: Record<string, unknown> };
  return cdktfJson.context?.environment;
}

export function synthesize(options: SynthesizeOptions): SynthesizeResult {
  const { projectRoot, env } = options;
  const environment = resolveEnvironment(env, contextEnvironment(projectRoot, env));
  const loaded = loadConfig(projectRoot, environment);

  const requested = env.CDKTF_OUTDIR ?? "cdktf.out";
  const outdir = isAbsolute(requested) ? requested : join(projectRoot, requested);
  const staging = join(dirname(outdir), `.${basename(outdir)}.staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    const app = new App({ outdir: staging, skipValidation: false });
    addStacks(app, loaded, { projectRoot, outdir });
    app.synth();
    const stacks = app.node.children.map((c) => c.node.id);
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
