/**
 * Arithmetic on `TargetCounts`: an empty count, the status key of a
 * `ListTargets` item, sums, and a short text form for reasons and logs.
 */
import { TARGET_STATUSES } from "./types";
import type { TargetCounts, TargetStatus } from "./types";

/** Every status in the order reasons list them, `OTHER` last. */
export const COUNTED_STATUSES: readonly (TargetStatus | "OTHER")[] = [...TARGET_STATUSES, "OTHER"];

/** Counts with every status at 0. */
export function emptyTargetCounts(): Record<TargetStatus | "OTHER", number> {
  return { HEALTHY: 0, UNHEALTHY: 0, UNAVAILABLE: 0, DRAINING: 0, INITIAL: 0, UNUSED: 0, OTHER: 0 };
}

/**
 * The key a target's status is counted under.
 * @returns the status when it is one of `TARGET_STATUSES`; `OTHER` for any
 *   other value, or none.
 */
export function targetStatusKey(status: string | undefined): TargetStatus | "OTHER" {
  return (TARGET_STATUSES as readonly (string | undefined)[]).includes(status) ? (status as TargetStatus) : "OTHER";
}

/** The sum of two counts, status by status. */
export function addTargetCounts(a: TargetCounts, b: TargetCounts): TargetCounts {
  const sum = emptyTargetCounts();
  for (const status of COUNTED_STATUSES) {
    sum[status] = a[status] + b[status];
  }
  return sum;
}

/** Every target counted, whatever its status. */
export function totalTargets(counts: TargetCounts): number {
  return COUNTED_STATUSES.reduce((total, status) => total + counts[status], 0);
}

/**
 * The statuses with at least one target, e.g. `UNAVAILABLE 3, INITIAL 1`;
 * `no targets` when there are none.
 */
export function describeTargetCounts(counts: TargetCounts): string {
  const parts = COUNTED_STATUSES.filter((status) => counts[status] > 0).map((status) => `${status} ${counts[status]}`);
  return parts.length > 0 ? parts.join(", ") : "no targets";
}
