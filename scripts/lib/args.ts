/** Command-line options of `npm run check`. */
import { CheckError } from "./errors";

/** Parsed options. */
export interface CheckOptions {
  /** The cdktf app entry point, relative to the project root. */
  readonly app: string;
  /** Use the existing synthesized output instead of running the app. */
  readonly skipSynth: boolean;
  /** The folder the app synthesizes into (holds manifest.json), relative to the project root. */
  readonly outdir: string;
  /** Only these stacks (all when empty). */
  readonly stacks: readonly string[];
  /** How many stacks Terraform works on at once. */
  readonly jobs: number;
  /** Print usage and exit. */
  readonly help: boolean;
}

/** Usage text for `--help`. */
export const USAGE = `Usage: npm run check -- [options]

Synthesizes the cdktf app, then for every stack runs terraform init, validate and
plan offline, on a rewritten copy under .check/ (cdktf.out is never changed).

Options:
  --app <entry.ts>   cdktf app entry point (default: main.ts)
  --skip-synth       use the existing synthesized output
  --outdir <dir>     folder holding manifest.json (default: cdktf.out; passed to the app as CDKTF_OUTDIR)
  --stack <name>     check only this stack (repeatable)
  --jobs <n>         stacks planned at once (default: 2)
  --help             show this text

Environment:
  SL_ENV                  config environment, passed through to the app
  SL_TF_PROVIDER_MIRROR   folder holding registry.terraform.io/ (default: discovered)
  SL_TERRAFORM            terraform executable (default: terraform on PATH)`;

/**
 * Parses `argv` (without the node and script entries).
 *
 * @throws CheckError for an unknown option or a missing value.
 */
export function parseArgs(argv: readonly string[]): CheckOptions {
  let app = "main.ts";
  let skipSynth = false;
  let outdir = "cdktf.out";
  let jobs = 2;
  let help = false;
  const stacks: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "") throw new CheckError(`option ${flag} needs a value.`, "Run with --help to list the options.");
      return v;
    };
    switch (flag) {
      case "--app":
        app = value();
        if (!app.endsWith(".ts")) throw new CheckError(`--app ${app}: the entry point must be a .ts file.`, "Pass the TypeScript entry point of the cdktf app, e.g. --app main.ts.");
        break;
      case "--skip-synth":
        skipSynth = true;
        break;
      case "--outdir":
        outdir = value();
        break;
      case "--stack":
        stacks.push(value());
        break;
      case "--jobs": {
        const v = value();
        jobs = Number(v);
        if (!Number.isInteger(jobs) || jobs < 1) throw new CheckError(`--jobs ${v}: give a whole number of at least 1.`);
        break;
      }
      case "--help":
      case "-h":
        help = true;
        break;
      default:
        throw new CheckError(`unknown option ${arg}.`, "Run with --help to list the options.");
    }
  }
  return { app, skipSynth, outdir, stacks, jobs, help };
}
