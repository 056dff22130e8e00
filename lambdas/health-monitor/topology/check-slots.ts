/**
 * Spreads periodic refreshes over the scheduled checks: with a cycle of `K`
 * checks, each item (a service, a target group) gets one slot, a stable hash
 * of its id, and is refreshed on the checks whose position in the cycle is
 * that slot. Every check then refreshes about 1/K of the items, instead of
 * all of them expiring on the same check after a cold start.
 *
 * Check positions count intervals from the first check the execution
 * environment saw, not from the epoch: an EventBridge Scheduler rate starts
 * whenever the schedule was created and fires within a minute of each
 * planned time, so only the distance between checks is known. Rounding that
 * distance to whole intervals absorbs the jitter.
 */

/** Counts the checks of one execution environment. */
export class CheckClock {
  private origin: number | undefined;

  /** @throws RangeError when `intervalMs` is not positive. */
  constructor(readonly intervalMs: number) {
    if (!Number.isFinite(intervalMs) || intervalMs <= 0) {
      throw new RangeError(`the check interval must be a positive number of milliseconds, got ${intervalMs}`);
    }
  }

  /** The number of the check at `now`: whole intervals since the first check seen (which is check 0). */
  checkNumber(now: number): number {
    this.origin ??= now;
    return Math.round((now - this.origin) / this.intervalMs);
  }

  /** The position of the check at `now` in a cycle of `cycle` checks. */
  position(now: number, cycle: number): number {
    const n = this.checkNumber(now);
    return ((n % cycle) + cycle) % cycle;
  }

  /** True when the check at `now` is the slot of `id` in a cycle of `cycle` checks. */
  isSlot(id: string, now: number, cycle: number): boolean {
    return slotOf(id, cycle) === this.position(now, cycle);
  }
}

/** The slot of `id` in a cycle of `cycle` checks. */
export function slotOf(id: string, cycle: number): number {
  return fnv1a(id) % cycle;
}

/** 32-bit FNV-1a: a stable, evenly spread hash of a short id. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
