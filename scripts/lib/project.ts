/** Locates the project and runs its cdktf app. */
import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { CheckError } from "./errors";
import { runProcess } from "./run-process";

/** Time limit for synthesizing the app. */
const SYNTH_TIMEOUT_MS = 180_000;

/**
 * Finds the project root (the folder holding package.json and scripts/run-ts.mjs)
 * at or above `start`. Works both from `scripts/` and from the bundle that
 * run-ts.mjs writes to `.build/run/`.
 */
export function findProjectRoot(start: string): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "scripts", "run-ts.mjs"))) return dir;
    if (dirname(dir) === dir) {
      throw new CheckError(`no project root (package.json with scripts/run-ts.mjs) at or above ${start}.`, "Run the check with npm run check.");
    }
  }
}

/**
 * Synthesizes the cdktf app: `node scripts/run-ts.mjs <app>` with
 * `CDKTF_OUTDIR=<outdir>`, inheriting the rest of the environment (SL_ENV included).
 *
 * @returns The app's output and the elapsed milliseconds.
 * @throws CheckError with the app's output if it fails or writes no fresh manifest.json.
 */
export async function synthesize(root: string, app: string, outdir: string): Promise<{ output: string; ms: number }> {
  const entry = resolve(root, app);
  if (!existsSync(entry)) {
    throw new CheckError(`the app entry point ${app} does not exist.`, "Pass the cdktf app with --app <entry.ts> (default main.ts).");
  }
  const startedAt = Date.now();
  const result = await runProcess(process.execPath, [join(root, "scripts", "run-ts.mjs"), app], {
    cwd: root,
    env: { ...process.env, CDKTF_OUTDIR: outdir },
    timeoutMs: SYNTH_TIMEOUT_MS,
  });
  if (result.code !== 0) {
    throw new CheckError(
      `synthesizing ${app} ${result.timedOut ? "timed out" : `failed (exit ${result.code ?? result.signal})`}.`,
      `Reproduce with: ${process.env.SL_ENV ? `SL_ENV=${process.env.SL_ENV} ` : ""}node scripts/run-ts.mjs ${app}`,
      result.output.trim(),
    );
  }
  const manifest = join(outdir, "manifest.json");
  // mtime has whole-second resolution on some filesystems: allow that much slack.
  if (!existsSync(manifest) || statSync(manifest).mtimeMs < startedAt - 1000) {
    throw new CheckError(
      `${app} ran but wrote no new ${manifest}.`,
      "Make sure the app calls app.synth(), and pass --outdir if it sets App({ outdir }) to something other than cdktf.out.",
      result.output.trim(),
    );
  }
  return { output: result.output.trim(), ms: result.ms };
}
