/**
 * Decides which target groups a check reads, and keeps what the last reads
 * found so the others can be reused.
 *
 * A target group whose targets were all `HEALTHY` at its last read is
 * "settled": it is read again on one check in `refreshChecks`, and the groups
 * are spread over those checks by a hash of their id, so every check reads
 * about the same share of them. Every other group (any target not `HEALTHY`,
 * or no targets at all) is read on every check, as is a group with no reading
 * yet, or one older than `refreshChecks` checks (a check was missed).
 * `refreshChecks` = 1 reads every group on every check.
 *
 * The trade-off: a settled group that goes bad is seen at most
 * `refreshChecks - 1` checks later than with a read on every check; any
 * group that is not settled is read every time, so recovery and ongoing
 * trouble are never judged on old readings.
 *
 * Like the topology cache, it lives in the execution environment: a cold
 * start reads every group.
 */
import { CheckClock, slotOf } from "./check-slots";
import { totalTargets } from "./target-counts";
import type { TargetCounts } from "./types";

interface Reading {
  readonly counts: TargetCounts;
  readonly readAt: number;
}

export class TargetHealthCache {
  private readonly readings = new Map<string, Reading>();
  private readonly clock: CheckClock;

  /**
   * @param refreshChecks checks per read of a settled group (1 = every check).
   * @param checkIntervalMs time between two scheduled checks.
   * @throws RangeError on a value that is not a positive whole number (interval: positive).
   */
  constructor(
    readonly refreshChecks: number,
    readonly checkIntervalMs: number
  ) {
    if (!Number.isInteger(refreshChecks) || refreshChecks < 1) {
      throw new RangeError(`refreshChecks must be a whole number >= 1, got ${refreshChecks}`);
    }
    if (!Number.isFinite(checkIntervalMs) || checkIntervalMs <= 0) {
      throw new RangeError(`checkIntervalMs must be a positive number, got ${checkIntervalMs}`);
    }
    this.clock = new CheckClock(checkIntervalMs);
  }

  /**
   * The counts to reuse for `targetGroupId` at `now`, or `undefined` when the
   * check must read the group.
   * @param now epoch milliseconds of the check.
   */
  reusable(targetGroupId: string, now: number): TargetCounts | undefined {
    // The first check seen starts the count of checks, reading or not.
    this.clock.checkNumber(now);
    if (this.refreshChecks === 1) {
      return undefined;
    }
    const reading = this.readings.get(targetGroupId);
    if (reading === undefined || !settled(reading.counts)) {
      return undefined;
    }
    const age = now - reading.readAt;
    // Half an interval of slack absorbs the scheduler's jitter.
    if (age < 0 || age >= (this.refreshChecks - 0.5) * this.checkIntervalMs) {
      return undefined;
    }
    return this.clock.isSlot(targetGroupId, now, this.refreshChecks) ? undefined : reading.counts;
  }

  /** Keeps what a read found. */
  store(targetGroupId: string, counts: TargetCounts, now: number): void {
    this.readings.set(targetGroupId, { counts, readAt: now });
  }

  /** Forgets a group, e.g. after its read failed. */
  forget(targetGroupId: string): void {
    this.readings.delete(targetGroupId);
  }

  /** Forgets every group not in `targetGroupIds`, so the cache never outgrows the network. */
  retainOnly(targetGroupIds: Iterable<string>): void {
    const keep = new Set(targetGroupIds);
    for (const id of [...this.readings.keys()]) {
      if (!keep.has(id)) {
        this.readings.delete(id);
      }
    }
  }

  get size(): number {
    return this.readings.size;
  }

  /** Which of the `refreshChecks` checks of a cycle reads the group. */
  slotOf(targetGroupId: string): number {
    return slotOf(targetGroupId, this.refreshChecks);
  }

  /** The position of the check at `now` in the cycle; rounding absorbs jitter. */
  checkIndex(now: number): number {
    return this.clock.position(now, this.refreshChecks);
  }
}

/** Every target HEALTHY, and at least one target. */
function settled(counts: TargetCounts): boolean {
  const total = totalTargets(counts);
  return total > 0 && counts.HEALTHY === total;
}
