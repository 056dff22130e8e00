/**
 * Spreads periodic refreshes over the scheduled checks: with a cycle of `K`
 * checks, each item (a service, a target group) gets one slot, a stable hash
 * of its id, and is refreshed on the checks whose position in the cycle is
 * that slot. Every check then refreshes about 1/K of the items, instead of
 * all of them expiring on the same check after a cold start.
 */

/** The slot of `id` in a cycle of `cycle` checks. */
export function slotOf(id: string, cycle: number): number {
  return fnv1a(id) % cycle;
}

/**
 * The position of the check at `now` in a cycle of `cycle` checks spaced
 * `intervalMs` apart. Rounding to the nearest scheduled time absorbs the
 * scheduler's jitter.
 */
export function checkPosition(now: number, intervalMs: number, cycle: number): number {
  return Math.round(now / intervalMs) % cycle;
}

/** True when the check at `now` is the slot of `id`. */
export function isSlot(id: string, now: number, intervalMs: number, cycle: number): boolean {
  return slotOf(id, cycle) === checkPosition(now, intervalMs, cycle);
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
