/**
 * The "health monitor at fleet scale" section of `npm run bench`.
 *
 * For each fleet size it builds a fresh fake AWS (every call answered after
 * `latencyMs`), then runs, against that same fake:
 * - the naive monitor once (no cache, no state: every run is the same);
 * - our monitor cold (topology discovered, no state rows), then on the next
 *   `STEADY_RUNS` scheduled runs, five minutes apart (topology cached, state
 *   rows present, settled target groups read on one check in two). Steady
 *   runs differ, so the targets are judged on the worst of them.
 * It prints API calls (total and by operation), wall time and verdicts per
 * run, then the two targets. Numbers only: nothing fails on a
 * missed target.
 */
import type { CallCounts } from "../../lambdas/shared/aws-calls";
import { DEFAULT_LATENCY_MS, createFakeAws } from "./fake-aws";
import type { FakeAws } from "./fake-aws";
import { fleetRuntimeConfig } from "./fleet-config";
import { formatRuns, formatTargets } from "./fleet-report";
import type { MonitorKind, MonitorRun } from "./fleet-report";
import { runNaiveMonitor } from "./naive-monitor";
import { createOursMonitor } from "./ours-monitor";

/** Fleet sizes of the issue. */
export const FLEET_SIZES: readonly number[] = [10, 100, 500];

/** Minutes between two runs (the schedule's default rate). */
const RUN_INTERVAL_MINUTES = 5;

/** Scheduled runs measured after the cold one. */
export const STEADY_RUNS = 4;

export interface FleetBenchOptions {
  /** @default FLEET_SIZES */
  readonly sizes?: readonly number[];
  /** Milliseconds added to every call. @default DEFAULT_LATENCY_MS */
  readonly latencyMs?: number;
  /** @default console.log */
  readonly print?: (line: string) => void;
}

/** What a monitor run returns that the table shows. */
interface RunOutcome {
  readonly statuses: Readonly<Record<string, number>>;
  /** Ours only: services with a failed read or write. */
  readonly serviceFailures?: number;
  /** Ours only: calls its own instrumented counter saw. */
  readonly apiCallsTotal?: number;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Runs `run` with the fake's counts reset, and records calls, time and anything suspect. */
async function measure(services: number, monitor: MonitorKind, fake: FakeAws, run: () => Promise<RunOutcome>): Promise<MonitorRun> {
  fake.resetCalls();
  const started = process.hrtime.bigint();
  let outcome: RunOutcome | undefined;
  let error: string | undefined;
  try {
    outcome = await run();
  } catch (e) {
    error = describe(e);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const calls: CallCounts = fake.calls();
  const totalCalls = fake.totalCalls();
  const notes: string[] = [];
  const refusals = fake.refusals();
  if (refusals.length > 0) {
    notes.push(`the fake refused ${refusals.length} call(s), e.g. ${[...new Set(refusals)].slice(0, 3).join(" | ")}`);
  }
  if (outcome?.serviceFailures) notes.push(`${outcome.serviceFailures} service(s) had a failed read or write`);
  if (outcome?.apiCallsTotal !== undefined && outcome.apiCallsTotal !== totalCalls) {
    notes.push(`its own counter saw ${outcome.apiCallsTotal} calls, the fake ${totalCalls}`);
  }
  return { services, monitor, calls, totalCalls, seconds, statuses: outcome?.statuses, notes, error };
}

/** Measures every fleet size and prints the table and target lines. */
export async function benchFleet(options: FleetBenchOptions = {}): Promise<MonitorRun[]> {
  const sizes = options.sizes ?? FLEET_SIZES;
  const latencyMs = options.latencyMs ?? DEFAULT_LATENCY_MS;
  const print = options.print ?? ((line: string) => console.log(line));
  const runs: MonitorRun[] = [];
  for (const size of sizes) {
    const fake = createFakeAws({ services: size, latencyMs });
    try {
      const config = fleetRuntimeConfig(fake.fleet);
      // On a schedule boundary, as EventBridge Scheduler starts runs.
      const cold = new Date(Math.floor(Date.now() / (RUN_INTERVAL_MINUTES * 60_000)) * RUN_INTERVAL_MINUTES * 60_000);
      runs.push(
        await measure(size, "naive", fake, () =>
          runNaiveMonitor({
            ...fake.clients,
            serviceNetworkIdentifier: fake.fleet.network.arn,
            eventBusName: fake.eventBusName,
            thresholds: config.defaultHealth,
            windowMinutes: config.healthMonitor.windowMinutes,
            concurrency: config.healthMonitor.concurrency,
            now: () => cold,
          })
        )
      );
      const ours = createOursMonitor(fake, config);
      runs.push(await measure(size, "ours cold", fake, () => ours.run(cold)));
      for (let k = 1; k <= STEADY_RUNS; k++) {
        const at = new Date(cold.getTime() + k * RUN_INTERVAL_MINUTES * 60_000);
        runs.push(await measure(size, `ours steady ${k}`, fake, () => ours.run(at)));
      }
    } finally {
      fake.restore();
    }
  }
  print(
    `fake AWS: ${latencyMs} ms per call; ours = runHealthCheck with the default healthCheck settings ` +
      `(concurrency 10, topology cache 60 min spread over its checks, settled target groups read on 1 check in 2, 5-minute window); ` +
      `naive = no cache, no state, one GetMetricData and one PutEvents per service`
  );
  [...formatRuns(runs), ...formatTargets(runs)].forEach((line) => print(line));
  return runs;
}
