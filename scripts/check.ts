/**
 * `npm run check`: the project's main gate.
 *
 * 1. Synthesizes the cdktf app (unless --skip-synth).
 * 2. Copies every stack from cdktf.out to .check/<stack>/ and rewrites the copy so it
 *    plans offline: no backend, a check-built zip in place of each data.archive_file
 *    (hashicorp/archive is not in the local mirror), dummy AWS credentials and skip flags.
 * 3. Runs terraform init (providers from the local mirror only), validate, a saved
 *    plan and show -json on each copy, two stacks at a time.
 *
 * Exits 0 when every stack validates and plans, 1 otherwise.
 * Run: node scripts/run-ts.mjs scripts/check.ts [--app main.ts] [--skip-synth] ...
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { parseArgs, USAGE, type CheckOptions } from "./lib/args";
import { CheckError } from "./lib/errors";
import { indent, plural, seconds } from "./lib/format";
import { readManifest, type StackEntry } from "./lib/manifest";
import { cliConfig, findProviderMirror } from "./lib/mirror";
import { mapSettled } from "../lambdas/shared/concurrency";
import { prepareStack, type PreparedStack } from "./lib/prepare-stack";
import { findProjectRoot, synthesize } from "./lib/project";
import { runProcess } from "./lib/run-process";
import { terraformEnv } from "./lib/terraform-env";
import { planStack, type StackPlan } from "./lib/terraform-steps";

/** Time limit for each Terraform command. */
const STEP_TIMEOUT_MS = 240_000;

const log = (line = ""): void => void process.stdout.write(`${line}\n`);
/** Errors and the failing verdict go to stderr, so they stay in order with each other. */
const logError = (line: string): void => void process.stderr.write(`${line}\n`);

async function main(argv: readonly string[]): Promise<number> {
  const options = parseArgs(argv);
  if (options.help) {
    log(USAGE);
    return 0;
  }
  const started = Date.now();
  const root = findProjectRoot(__dirname);
  const rel = (p: string): string => {
    const r = relative(root, p);
    return r.startsWith("..") || isAbsolute(r) ? p : r || ".";
  };
  const outdir = resolve(root, options.outdir);

  await synthesizeIfAsked(root, outdir, options, rel);
  const stacks = selectStacks(readManifest(outdir), options.stacks);

  const workDir = join(root, ".check");
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const mirror = findProviderMirror(process.env);
  const cliConfigFile = join(workDir, "terraformrc");
  writeFileSync(cliConfigFile, cliConfig(mirror.path));
  const env = terraformEnv(process.env, cliConfigFile);
  const terraform = process.env.SL_TERRAFORM || "terraform";
  log(`terraform: ${await terraformVersion(terraform, env, root)}; providers from ${mirror.path} (${mirror.how}), CLI config ${rel(cliConfigFile)}`);

  const prepared: PreparedStack[] = [];
  for (const stack of stacks) {
    for (const w of stack.warnings) log(`[${stack.name}] cdktf warning: ${w}`);
    const copy = prepareStack(stack, workDir);
    log(`[${stack.name}] copied ${rel(stack.dir)} → ${rel(copy.dir)}`);
    for (const note of copy.notes) log(`[${stack.name}] ${note}`);
    prepared.push(copy);
  }

  log(`terraform: init, validate, plan, show on ${plural(prepared.length, "stack")}, ${options.jobs} at a time`);
  const width = Math.max(...prepared.map((p) => p.name.length));
  const results = await mapSettled(prepared, options.jobs, async (p) => {
    const plan = await planStack(p.name, p.dir, { terraform, env, stepTimeoutMs: STEP_TIMEOUT_MS });
    log(summaryLine(plan, width));
    return plan;
  });

  const failures = results.flatMap((r, i) => (r.ok ? [] : [{ name: prepared[i].name, error: r.error }]));
  for (const f of failures) reportError(f.error, f.name);
  if (failures.length > 0) {
    logError(`check: FAILED: ${failures.length} of ${plural(prepared.length, "stack")} did not validate and plan (${failures.map((f) => f.name).join(", ")}) in ${seconds(Date.now() - started)}`);
    return 1;
  }
  log(`check: ${plural(prepared.length, "stack")} validated and planned in ${seconds(Date.now() - started)}`);
  return 0;
}

async function synthesizeIfAsked(root: string, outdir: string, options: CheckOptions, rel: (p: string) => string): Promise<void> {
  if (options.skipSynth) {
    log(`synth: skipped (--skip-synth); reading ${rel(outdir)}/manifest.json`);
    return;
  }
  const envNote = process.env.SL_ENV ? `, SL_ENV=${process.env.SL_ENV}` : "";
  log(`synth: node scripts/run-ts.mjs ${options.app} (CDKTF_OUTDIR=${rel(outdir)}${envNote})`);
  const { output, ms } = await synthesize(root, options.app, outdir);
  if (output) log(indent(output, "  | "));
  log(`synth: done in ${seconds(ms)}`);
}

function selectStacks(all: StackEntry[], wanted: readonly string[]): StackEntry[] {
  if (wanted.length === 0) return all;
  const unknown = wanted.filter((w) => !all.some((s) => s.name === w));
  if (unknown.length > 0) {
    throw new CheckError(`no stack named ${unknown.join(", ")}.`, `The manifest lists: ${all.map((s) => s.name).join(", ")}.`);
  }
  return all.filter((s) => wanted.includes(s.name));
}

async function terraformVersion(terraform: string, env: NodeJS.ProcessEnv, cwd: string): Promise<string> {
  try {
    const r = await runProcess(terraform, ["version", "-json"], { cwd, env, timeoutMs: 30_000 });
    if (r.code !== 0) throw new Error(r.output.trim());
    return `Terraform ${(JSON.parse(r.stdout) as { terraform_version: string }).terraform_version}`;
  } catch (e) {
    throw new CheckError(`could not run ${terraform} version: ${(e as Error).message}`, "Install Terraform (>= 1.5) on PATH, or set SL_TERRAFORM to its path.");
  }
}

function summaryLine(plan: StackPlan, width: number): string {
  const steps = Object.entries(plan.stepMs)
    .map(([step, ms]) => `${step} ${seconds(ms)}`)
    .join(", ");
  const lines = [`${plan.name.padEnd(width)}  ${plan.summary}  [${seconds(plan.totalMs)}: ${steps}]`];
  for (const w of plan.warnings) lines.push(`${" ".repeat(width)}  warning: ${w}`);
  return lines.join("\n");
}

function reportError(error: unknown, stack?: string): void {
  const write = logError;
  if (error instanceof CheckError) {
    write(`check: ${stack && !error.message.includes(stack) ? `stack ${stack}: ` : ""}${error.message}`);
    if (error.hint) write(`  how to fix: ${error.hint.split("\n").join("\n              ")}`);
    if (error.details) write(`  --- output ---\n${indent(error.details, "  | ")}`);
  } else {
    write(`check: internal error${stack ? ` in stack ${stack}` : ""} (a bug in scripts/check.ts or scripts/lib/):`);
    write(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    reportError(error);
    logError("check: FAILED");
    process.exitCode = 1;
  },
);
