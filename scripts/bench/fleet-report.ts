/**
 * Prints the fleet benchmark's results: one table row per monitor run, a
 * legend of the operation abbreviations, notes (refused calls, failures),
 * and the two target lines of the issue. It only prints: a missed target
 * never fails the process.
 */
import type { CallCounts } from "../../lambdas/shared/aws-calls";

/** `ours steady N` is the Nth scheduled run after the cold one. */
export type MonitorKind = "naive" | "ours cold" | `ours steady ${number}`;

/** One monitor run against one fake fleet. */
export interface MonitorRun {
  readonly services: number;
  readonly monitor: MonitorKind;
  readonly calls: CallCounts;
  readonly totalCalls: number;
  readonly seconds: number;
  /** Reported statuses (healthy, degraded, unhealthy, unknown), when the run finished. */
  readonly statuses?: Readonly<Record<string, number>>;
  /** Anything that makes the numbers suspect: refused calls, service failures. */
  readonly notes: readonly string[];
  /** Set when the run threw. */
  readonly error?: string;
}

/** The issue's targets. */
export const FLEET_TARGETS = {
  /** At 100 services, ours (steady state) makes at most this share of the naive calls. */
  callRatioAt100: 0.2,
  /** At 500 services, a steady-state run of ours finishes in less than this many seconds. */
  steadySecondsAt500: 5,
} as const;

/** Column order of the operations: the order a check makes them in; others follow as first seen. */
const OPERATION_ORDER = [
  "ListServiceNetworkServiceAssociations",
  "ListListeners",
  "GetListener",
  "ListRules",
  "GetRule",
  "ListTargets",
  "GetMetricData",
  "BatchGetItem",
  "GetItem",
  "PutEvents",
  "PutItem",
];

/** `ListServiceNetworkServiceAssociations` → `LSNSA`: the capitals of the operation name. */
export function abbreviate(operation: string): string {
  return operation.replace(/[^A-Z]/g, "") || operation;
}

function verdict(ok: boolean): string {
  return ok ? "within target" : "OVER TARGET";
}

function statusCell(statuses: MonitorRun["statuses"]): string {
  if (!statuses) return "-";
  return ["healthy", "degraded", "unhealthy", "unknown"].map((s) => statuses[s] ?? 0).join("/");
}

/** The table, legend and notes, as lines. */
export function formatRuns(runs: readonly MonitorRun[]): string[] {
  const seen = new Set(runs.flatMap((r) => Object.keys(r.calls)));
  const operations = [...OPERATION_ORDER.filter((op) => seen.has(op)), ...[...seen].filter((op) => !OPERATION_ORDER.includes(op))];
  const shortNames = new Map(operations.map((op) => [op, abbreviate(op)]));
  // two operations with the same capitals keep their full names
  for (const op of operations) {
    if (operations.some((other) => other !== op && abbreviate(other) === abbreviate(op))) shortNames.set(op, op);
  }
  const lines = ["services  monitor         API calls   wall s   verdicts h/d/u/?   calls by operation"];
  for (const run of runs) {
    const byOperation = operations
      .filter((op) => run.calls[op])
      .map((op) => `${shortNames.get(op)} ${run.calls[op]}`)
      .join(", ");
    lines.push(
      `${String(run.services).padStart(8)}  ${run.monitor.padEnd(14)}  ${String(run.totalCalls).padStart(9)}  ${run.seconds
        .toFixed(2)
        .padStart(7)}   ${statusCell(run.statuses).padEnd(18)} ${run.error ? `FAILED: ${run.error}` : byOperation}`
    );
  }
  const legend = operations.filter((op) => shortNames.get(op) !== op).map((op) => `${shortNames.get(op)} = ${op}`);
  if (legend.length > 0) lines.push(`(${legend.join("; ")})`);
  for (const run of runs) {
    for (const note of run.notes) lines.push(`note: ${run.services} services, ${run.monitor}: ${note}`);
  }
  return lines;
}

/**
 * The two target lines of the issue. Steady runs differ (settled target
 * groups are read on one check in N), so each target is judged on the worst
 * steady run: the most calls, and the longest time.
 */
export function formatTargets(runs: readonly MonitorRun[]): string[] {
  const finished = runs.filter((r) => !r.error);
  const naiveOf = (services: number) => finished.find((r) => r.services === services && r.monitor === "naive");
  const steadyOf = (services: number) => finished.filter((r) => r.services === services && r.monitor.startsWith("ours steady"));
  const worst = (list: readonly MonitorRun[], key: (r: MonitorRun) => number) =>
    list.reduce((a, b) => (key(b) > key(a) ? b : a));
  const lines: string[] = [];
  const naive = naiveOf(100);
  const steady100 = steadyOf(100);
  if (naive && steady100.length > 0) {
    const most = worst(steady100, (r) => r.totalCalls);
    const ratio = most.totalCalls / naive.totalCalls;
    const target = FLEET_TARGETS.callRatioAt100;
    lines.push(
      `100 services: ours steady (most calls of ${steady100.length} runs) ${most.totalCalls} calls vs naive ${naive.totalCalls} calls = ${ratio.toFixed(2)} ` +
        `(target <= ${target.toFixed(2)}): ${verdict(ratio <= target)}`
    );
  } else {
    lines.push("100 services: not measured (no finished naive and steady run of 100 services)");
  }
  const steady500 = steadyOf(500);
  if (steady500.length > 0) {
    const slowest = worst(steady500, (r) => r.seconds);
    const target = FLEET_TARGETS.steadySecondsAt500;
    lines.push(
      `500 services: ours steady (slowest of ${steady500.length} runs) ${slowest.seconds.toFixed(2)} s (target < ${target} s): ${verdict(slowest.seconds < target)}`
    );
  } else {
    lines.push("500 services: not measured (no finished steady run of 500 services)");
  }
  return lines;
}
