/**
 * Runs Terraform on one prepared stack copy: init from the mirror, validate,
 * a saved plan, and `show -json` of that plan to count its actions.
 */
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { CheckError } from "./errors";
import { countActions, countsMatchSummary, describeCounts, planSummaryLine, type ActionCounts } from "./plan-summary";
import { runProcess, type ProcessResult } from "./run-process";
import { BLACKHOLE_AWS_ENDPOINT } from "./terraform-env";
import { errorSection, warningHeadlines } from "./terraform-output";

/** The result of a stack that validated and planned. */
export interface StackPlan {
  readonly name: string;
  /** Terraform's own line, e.g. `Plan: 14 to add, 0 to change, 0 to destroy.` */
  readonly summary: string;
  readonly counts: ActionCounts;
  /** Milliseconds per step, in order: init, validate, plan, show. */
  readonly stepMs: Readonly<Record<string, number>>;
  readonly totalMs: number;
  /** Problems worth printing that did not fail the check. */
  readonly warnings: string[];
}

/** Options for {@link planStack}. */
export interface PlanStackOptions {
  /** The `terraform` executable. */
  readonly terraform: string;
  /** Environment from `terraformEnv`. */
  readonly env: NodeJS.ProcessEnv;
  /** Time limit per Terraform command. */
  readonly stepTimeoutMs: number;
}

/** The Terraform commands the check runs, in order. */
export const TERRAFORM_STEPS: readonly { readonly step: string; readonly args: readonly string[] }[] = [
  { step: "init", args: ["init", "-backend=false", "-input=false", "-no-color"] },
  { step: "validate", args: ["validate", "-no-color"] },
  { step: "plan", args: ["plan", "-input=false", "-no-color", "-lock=false", "-out=plan.tfplan"] },
  { step: "show", args: ["show", "-json", "-no-color", "plan.tfplan"] },
];

/**
 * Validates and plans the stack copy in `dir`.
 *
 * @throws CheckError carrying Terraform's output if any step fails.
 */
export async function planStack(name: string, dir: string, options: PlanStackOptions): Promise<StackPlan> {
  const started = Date.now();
  const stepMs: Record<string, number> = {};
  const results: Record<string, ProcessResult> = {};
  for (const { step, args } of TERRAFORM_STEPS) {
    let result: ProcessResult;
    try {
      result = await runProcess(options.terraform, args, { cwd: dir, env: options.env, timeoutMs: options.stepTimeoutMs });
    } catch (e) {
      throw new CheckError(
        `could not start ${options.terraform} for stack ${name}: ${(e as Error).message}`,
        "Install Terraform (>= 1.5) on PATH, or set SL_TERRAFORM to its path.",
      );
    }
    stepMs[step] = result.ms;
    results[step] = result;
    writeFileSync(join(dir, `${step}.log`), result.output);
    if (result.code !== 0) throw stepFailure(name, step, args, dir, result, options);
  }

  const summary = planSummaryLine(results.plan.output);
  if (!summary) {
    throw new CheckError(`terraform plan for stack ${name} printed no "Plan:" or "No changes." line.`, undefined, results.plan.output);
  }
  let counts: ActionCounts;
  try {
    counts = countActions(results.show.stdout);
  } catch (e) {
    throw new CheckError(`could not read terraform show -json for stack ${name}: ${(e as Error).message}`, undefined, results.show.output);
  }
  const warnings = countsMatchSummary(counts, summary)
    ? []
    : [`the saved plan holds ${describeCounts(counts)}, which does not match "${summary}"`];
  warnings.push(...terraformWarnings(results));
  return { name, summary, counts, stepMs, totalMs: Date.now() - started, warnings };
}

/** Variables the reproduce hint sets, so a hand-run Terraform is as offline as the check's. */
const REPRODUCE_ENV = ["TF_CLI_CONFIG_FILE", "CHECKPOINT_DISABLE", "AWS_EC2_METADATA_DISABLED", "AWS_ENDPOINT_URL"];

function stepFailure(name: string, step: string, args: readonly string[], dir: string, r: ProcessResult, options: PlanStackOptions): CheckError {
  const what = r.timedOut ? `timed out after ${Math.round(options.stepTimeoutMs / 1000)} s` : `failed (exit ${r.code ?? r.signal})`;
  const envText = REPRODUCE_ENV.filter((v) => options.env[v]).map((v) => `${v}=${options.env[v]}`).join(" ");
  const hints = [`Reproduce offline: cd ${relative(process.cwd(), dir) || "."} && env ${envText} ${options.terraform} ${args.join(" ")}`];
  if (r.output.includes(BLACKHOLE_AWS_ENDPOINT.replace("http://", ""))) {
    hints.unshift(
      "Something tried to call AWS (the check points every AWS API at a closed loopback port, " +
        `${BLACKHOLE_AWS_ENDPOINT}). A data source that reads from AWS (aws_caller_identity, lookups by name, ...) ` +
        "cannot be planned offline: take the value from configuration instead.",
    );
  }
  if (step === "init" && /provider registry|Failed to query available provider packages|could not connect/i.test(r.output)) {
    hints.unshift("A required provider is not in the local mirror. Only hashicorp/aws (and what the check stands in for) is available offline.");
  }
  const { text, omittedLines } = errorSection(r.output);
  const log = relative(process.cwd(), join(dir, `${step}.log`));
  const details = omittedLines > 0 ? `(${omittedLines} lines before the first error left out; full output in ${log})\n${text}` : text;
  return new CheckError(`stack ${name}: terraform ${step} ${what}.`, hints.join("\n"), details.trim());
}

/** Collects the "Warning:" headlines Terraform printed during validate and plan. */
function terraformWarnings(results: Record<string, ProcessResult>): string[] {
  const out = new Set<string>();
  for (const step of ["validate", "plan"]) {
    for (const w of warningHeadlines(results[step]?.output ?? "")) out.add(`terraform ${step}: ${w}`);
  }
  return [...out];
}
