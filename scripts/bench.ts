/**
 * `npm run bench`: measures, for the example environment, synth wall time
 * and peak memory, the test suite's time, and each handler's bundle size,
 * zip size and module load time; then the health monitor at fleet scale
 * (ours against a naive monitor on a fake AWS; see scripts/bench/). It prints
 * numbers next to their targets; it does not fail on a slow run (timings
 * vary with machine load).
 *
 * Options: --runs N (synth and load repetitions, default 5), --skip-tests, --skip-cli,
 * --monitor-only (only the fleet section), --skip-monitor (no fleet section),
 * --fleet-sizes 10,100,500 (services per fleet), --fleet-latency-ms 40 (added to every fake AWS call).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../config/load";
import { bundleHandler } from "../stacks/functions/bundle";
import { toRuntimeConfig } from "../stacks/functions/runtime-config";
import { benchFleet } from "./bench/fleet-bench";
import { HANDLER_NAMES } from "../stacks/shared/naming";
import { findProjectRoot } from "../stacks/shared/project-root";

const TARGETS = { synthSeconds: 3, synthMb: 400, zipKb: 250, loadMs: 100 };

const root = findProjectRoot();
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1]) > 0 && args.includes("--runs") ? Number(args[args.indexOf("--runs") + 1]) : 5;
const scratch = mkdtempSync(join(tmpdir(), "sl-bench-"));
const toolEnv = { ...process.env, CHECKPOINT_DISABLE: "1", SL_ENV: "example" };

/** The value after `flag`, if given. */
function option(flag: string): string | undefined {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function verdict(value: number, target: number): string {
  return value <= target ? "within target" : "OVER TARGET";
}

/** Runs a command, returning wall seconds and (when the process is node) peak RSS in MB. */
function measure(command: string, argv: string[], env: NodeJS.ProcessEnv): { seconds: number; mb: number } {
  const rssFile = join(scratch, `rss-${Math.random().toString(36).slice(2)}`);
  const start = process.hrtime.bigint();
  const result = spawnSync(command, argv, {
    cwd: root,
    env: { ...env, SL_BENCH_RSS_FILE: rssFile, NODE_OPTIONS: `-r ${join(root, "scripts", "lib", "peak-rss.cjs")}` },
    encoding: "utf8",
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${command} ${argv.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  let mb = Number.NaN;
  try {
    mb = Number(readFileSync(rssFile, "utf8")) / 2 ** 20;
  } catch {
    // the process did not run node, or exited before the hook
  }
  return { seconds, mb };
}

function benchSynth(): void {
  const outdir = join(scratch, "cdktf.out");
  const env = { ...toolEnv, CDKTF_OUTDIR: outdir };
  rmSync(join(root, ".build", "bundles"), { recursive: true, force: true });
  const cold = measure("node", ["scripts/run-ts.mjs", "main.ts"], env); // also warms the file and bundle caches
  console.log(`synth (npm run synth, cold)       ${cold.seconds.toFixed(2)} s, peak ${cold.mb.toFixed(0)} MB (no bundle cache: esbuild bundles all three handlers)`);
  const samples = Array.from({ length: runs }, () => measure("node", ["scripts/run-ts.mjs", "main.ts"], env));
  const seconds = median(samples.map((s) => s.seconds));
  const mb = Math.max(...samples.map((s) => s.mb));
  console.log(`synth (npm run synth, ${runs} warm)  median ${seconds.toFixed(2)} s (${verdict(seconds, TARGETS.synthSeconds)}: < ${TARGETS.synthSeconds} s)`);
  console.log(`                                  peak ${mb.toFixed(0)} MB (${verdict(mb, TARGETS.synthMb)}: < ${TARGETS.synthMb} MB)`);
  if (!args.includes("--skip-cli")) {
    const cli = measure(join(root, "node_modules", ".bin", "cdktf"), ["synth", "--output", outdir], { ...env, CI: "1" });
    console.log(`synth (cdktf synth, 1 run)        ${cli.seconds.toFixed(2)} s (the cdktf CLI's own start-up included)`);
  }
}

function benchTests(): void {
  if (args.includes("--skip-tests")) return;
  const jest = measure(join(root, "node_modules", ".bin", "jest"), ["--silent"], toolEnv);
  console.log(`test suite (jest, 1 run)          ${jest.seconds.toFixed(2)} s`);
}

function loadMs(indexJs: string): number {
  const probe = `const t=process.hrtime.bigint();require(${JSON.stringify(indexJs)});console.log(Number(process.hrtime.bigint()-t)/1e6)`;
  const result = spawnSync("node", ["-e", probe], {
    env: {
      PATH: process.env.PATH,
      AWS_REGION: "eu-west-1",
      AWS_ACCESS_KEY_ID: "bench",
      AWS_SECRET_ACCESS_KEY: "bench",
      AWS_EC2_METADATA_DISABLED: "true",
      SL_EVENT_BUS_NAME: "bench-bus",
      SL_SERVICE_NETWORK_ARN: "arn:aws:vpc-lattice:eu-west-1:123456789012:servicenetwork/sn-0123456789abcdef0",
      SL_STATE_TABLE_NAME: "bench-table",
      POWERTOOLS_SERVICE_NAME: "bench",
    },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`loading ${indexJs} failed:\n${result.stderr}`);
  return Number(result.stdout.trim());
}

function benchHandlers(): void {
  const runtimeConfig = toRuntimeConfig(loadConfig(root, "example").config);
  console.log("handler              bundle KB   zip KB   module load ms (median)");
  for (const handler of HANDLER_NAMES) {
    const bundle = bundleHandler(root, handler, runtimeConfig);
    const zipKb = statSync(bundle.zipFile).size / 1024;
    const load = median(Array.from({ length: runs }, () => loadMs(join(bundle.dir, "index.js"))));
    console.log(
      `${handler.padEnd(20)} ${(bundle.codeBytes / 1024).toFixed(1).padStart(9)} ${zipKb.toFixed(1).padStart(8)}   ${load.toFixed(1).padStart(6)}` +
        `   (zip ${verdict(zipKb, TARGETS.zipKb)} < ${TARGETS.zipKb} KB; load ${verdict(load, TARGETS.loadMs)} < ${TARGETS.loadMs} ms)`,
    );
  }
}

async function benchMonitor(): Promise<void> {
  const sizes = option("--fleet-sizes")?.split(",").map(Number);
  if (sizes?.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--fleet-sizes ${option("--fleet-sizes")}: give whole numbers, e.g. 10,100,500`);
  const latency = option("--fleet-latency-ms");
  const latencyMs = latency === undefined ? undefined : Number(latency);
  if (latencyMs !== undefined && !(latencyMs >= 0)) throw new Error(`--fleet-latency-ms ${latency}: give a number of milliseconds >= 0`);
  console.log("health monitor at fleet scale");
  const runs = await benchFleet({ sizes, latencyMs });
  if (runs.some((r) => r.error)) process.exitCode = 1; // a monitor that threw is a broken bench, not a slow one
}

async function main(): Promise<void> {
  console.log(`service-lifecycle benchmark: example environment, node ${process.version}, ${new Date().toISOString()}`);
  if (!args.includes("--monitor-only")) {
    benchSynth();
    benchTests();
    benchHandlers();
  }
  if (!args.includes("--skip-monitor")) {
    await benchMonitor();
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(scratch, { recursive: true, force: true }));
