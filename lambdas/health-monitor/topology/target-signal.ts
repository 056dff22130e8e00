/**
 * The target-health signal of one service: the share of its traffic that
 * lands on healthy targets, from the health-check status of the targets of
 * the target groups its listeners and rules forward to.
 *
 * Weighting (see weights.ts): within each action, a target group's weight is
 * normalized by the sum of the action's weights (an action whose weights sum
 * to 0 sends nothing); a target group's effective weight is the sum of its
 * normalized weights over all actions, listener defaults and rules alike,
 * since rule traffic is unknown. Target groups with effective weight 0 are
 * not in use and are left out.
 *
 * Per target group in use:
 * - share = HEALTHY / (HEALTHY + UNHEALTHY);
 * - no registered targets at all: share 0 (traffic goes there and nothing
 *   serves it), with a reason line;
 * - targets, but none HEALTHY or UNHEALTHY (all UNAVAILABLE, i.e. health
 *   checks off as for LAMBDA and ALB groups, or INITIAL, DRAINING, UNUSED,
 *   unknown): left out of the share, with a gap line;
 * - targets that could not be read (an `Error` in the map, or no entry):
 *   left out, with a gap line naming the group and the error.
 *
 * healthyShare = Σ(effective weight × share) / Σ effective weight over the
 * judged groups, or null when none was judged. When every judged group has
 * the same share, that share is the result as is, so rounding in the weighted
 * mean never moves a value that sits exactly on the threshold; a mixed mean
 * is rounded to 12 significant digits for the same reason. Text lines show
 * at most 6 significant digits.
 *
 * `breached` is `healthyShare < minHealthyTargetShare` (a share exactly at
 * the threshold is not a breach); a threshold of 0 turns the check off.
 */
import { describeError } from "../../shared/errors";
import { display, roundRatio } from "../../shared/numbers";
import { addTargetCounts, describeTargetCounts, emptyTargetCounts, totalTargets } from "./target-counts";
import type { ServiceTopology, TargetCounts } from "./types";
import { effectiveWeights } from "./weights";

/** Re-exported so the caller finds the target groups to read next to the signal that uses them. */
export { targetGroupsInUse } from "./weights";

export interface TargetSignal {
  /** Weighted share of HEALTHY among health-checked targets (HEALTHY + UNHEALTHY) of the target groups in use; null when none can be judged. */
  readonly healthyShare: number | null;
  /** Targets of the in-use target groups, summed by status. */
  readonly counts: TargetCounts;
  /** Target groups that receive traffic (effective weight > 0). */
  readonly targetGroupsInUse: number;
  /** The share is below minHealthyTargetShare (false when healthyShare is null or the threshold is 0). */
  readonly breached: boolean;
  /** Lines that explain the signal, each naming the value and the threshold (for the event's `reasons`). */
  readonly reasons: readonly string[];
  /** Why the signal could not be judged (no listeners, only fixed responses, only UNAVAILABLE/INITIAL/DRAINING targets, target groups that could not be read...). */
  readonly gaps: readonly string[];
}

/** A target group whose targets gave a share. */
interface JudgedGroup {
  readonly id: string;
  readonly weight: number;
  readonly share: number;
  readonly healthy: number;
  readonly checked: number;
  /** No registered targets at all. */
  readonly empty: boolean;
}

/**
 * Judges the targets behind a service.
 * @param counts target counts by target group id, or the error that reading them gave.
 * @param minHealthyTargetShare 0..1; 0 turns the check off.
 * @throws RangeError when `minHealthyTargetShare` is not a number from 0 to 1.
 * @example
 * const signal = targetSignal(topology, new Map([["tg-00000000000000001", counts]]), 0.95);
 * if (signal.breached) reasons.push(...signal.reasons);
 */
export function targetSignal(
  topology: ServiceTopology,
  counts: ReadonlyMap<string, TargetCounts | Error>,
  minHealthyTargetShare: number
): TargetSignal {
  if (!Number.isFinite(minHealthyTargetShare) || minHealthyTargetShare < 0 || minHealthyTargetShare > 1) {
    throw new RangeError(`minHealthyTargetShare must be a number from 0 to 1, got ${minHealthyTargetShare}`);
  }
  const inUse = [...effectiveWeights(topology)].filter(([, weight]) => weight > 0);
  const gaps: string[] = [];
  const judged: JudgedGroup[] = [];
  let summed: TargetCounts = emptyTargetCounts();

  if (inUse.length === 0) {
    gaps.push(noTrafficGap(topology));
  }
  for (const [id, weight] of inUse) {
    const read = counts.get(id);
    if (read === undefined) {
      gaps.push(`target group ${id}: its targets were not read; left out of the share`);
      continue;
    }
    if (read instanceof Error) {
      gaps.push(`target group ${id}: its targets could not be read (${describeError(read)}); left out of the share`);
      continue;
    }
    summed = addTargetCounts(summed, read);
    const checked = read.HEALTHY + read.UNHEALTHY;
    if (totalTargets(read) === 0) {
      judged.push({ id, weight, share: 0, healthy: 0, checked: 0, empty: true });
    } else if (checked === 0) {
      gaps.push(
        `target group ${id}: no target is HEALTHY or UNHEALTHY (${describeTargetCounts(read)}); ` +
          "left out of the share"
      );
    } else {
      judged.push({ id, weight, share: read.HEALTHY / checked, healthy: read.HEALTHY, checked, empty: false });
    }
  }

  const healthyShare = weightedShare(judged);
  const breached = healthyShare !== null && healthyShare < minHealthyTargetShare;
  return {
    healthyShare,
    counts: summed,
    targetGroupsInUse: inUse.length,
    breached,
    reasons: [...explain(healthyShare, judged, minHealthyTargetShare), ...gaps],
    gaps,
  };
}

function weightedShare(judged: readonly JudgedGroup[]): number | null {
  if (judged.length === 0) {
    return null;
  }
  if (judged.every((group) => group.share === judged[0].share)) {
    return judged[0].share;
  }
  const weight = judged.reduce((sum, group) => sum + group.weight, 0);
  return roundRatio(judged.reduce((sum, group) => sum + group.weight * group.share, 0) / weight);
}

/** The overall line, then one line per judged group when there is more than one or one is empty. */
function explain(healthyShare: number | null, judged: readonly JudgedGroup[], threshold: number): string[] {
  if (healthyShare === null) {
    return [`healthyTargetShare unknown; minHealthyTargetShare ${display(threshold)} not evaluated`];
  }
  const healthy = judged.reduce((sum, group) => sum + group.healthy, 0);
  const checked = judged.reduce((sum, group) => sum + group.checked, 0);
  const groups = judged.length === 1 ? "1 target group" : `${judged.length} target groups, weighted by traffic`;
  const off = threshold === 0 ? "; minHealthyTargetShare 0 turns the check off" : "";
  const lines = [
    `healthyTargetShare ${display(healthyShare)}${comparison(healthyShare, threshold)}` +
      ` (HEALTHY ${healthy} of ${checked} health-checked targets in ${groups})${off}`,
  ];
  if (judged.length > 1 || judged.some((group) => group.empty)) {
    for (const group of judged) {
      const detail = group.empty
        ? "no registered targets, yet it receives traffic"
        : `HEALTHY ${group.healthy} of ${group.checked} health-checked targets`;
      lines.push(
        `target group ${group.id}: healthy share ${display(group.share)}${comparison(group.share, threshold)}` +
          ` (${detail}), effective weight ${display(group.weight)}`
      );
    }
  }
  return lines;
}

/** ` < minHealthyTargetShare 0.95` or ` >= ...`; nothing when the threshold is 0 (the check is off). */
function comparison(value: number, threshold: number): string {
  if (threshold === 0) {
    return "";
  }
  return ` ${value < threshold ? "<" : ">="} minHealthyTargetShare ${display(threshold)}`;
}

/** Why no target group receives traffic. */
function noTrafficGap(topology: ServiceTopology): string {
  if (topology.listenerCount === 0) {
    return "no listeners: the service routes no traffic to a target group";
  }
  if (topology.actions.length === 0) {
    return `no target group receives traffic: no action could be read from ${plural(
      topology.listenerCount,
      "listener"
    )}`;
  }
  const fixed = topology.actions.filter((a) => a.fixedResponseStatus !== undefined);
  const parts: string[] = [];
  if (fixed.length > 0) {
    const statuses = [...new Set(fixed.map((a) => a.fixedResponseStatus))].join(", ");
    parts.push(`fixed response ${statuses}: ${plural(fixed.length, "action")}`);
  }
  const rest = topology.actions.length - fixed.length;
  if (rest > 0) {
    parts.push(`no target group with weight > 0: ${plural(rest, "action")}`);
  }
  return `no target group receives traffic (${parts.join("; ")})`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
