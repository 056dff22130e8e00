import { TargetHealthCache } from "../../../../lambdas/health-monitor/topology/target-cache";
import type { TargetCounts } from "../../../../lambdas/health-monitor/topology/types";

const MINUTE = 60_000;
const INTERVAL = 5 * MINUTE;
/** A check time on a schedule boundary: check number `n`. */
const check = (n: number) => n * INTERVAL;

function counts(given: Partial<TargetCounts> = {}): TargetCounts {
  return { HEALTHY: 3, UNHEALTHY: 0, UNAVAILABLE: 0, DRAINING: 0, INITIAL: 0, UNUSED: 0, OTHER: 0, ...given };
}

/** Which of checks `from..to` read the group (true) rather than reuse it, storing after every read. */
function readsOver(cache: TargetHealthCache, id: string, from: number, to: number, found: TargetCounts = counts()): boolean[] {
  const reads: boolean[] = [];
  for (let n = from; n <= to; n++) {
    const reused = cache.reusable(id, check(n));
    reads.push(reused === undefined);
    if (reused === undefined) {
      cache.store(id, found, check(n));
    }
  }
  return reads;
}

describe("TargetHealthCache", () => {
  it("reads every group on every check when refreshChecks is 1", () => {
    const cache = new TargetHealthCache(1, INTERVAL);
    expect(readsOver(cache, "tg-00000000000000001", 100, 105)).toEqual([true, true, true, true, true, true]);
  });

  it("reads a settled group on one check in refreshChecks, after a first read", () => {
    const cache = new TargetHealthCache(2, INTERVAL);
    const reads = readsOver(cache, "tg-00000000000000001", 100, 107);
    expect(reads[0]).toBe(true);
    expect(reads.slice(2).filter(Boolean)).toHaveLength(3);
    // never two reuses in a row
    expect(reads.some((read, i) => !read && reads[i + 1] === false)).toBe(false);
  });

  it("reads a group with any target not HEALTHY on every check", () => {
    for (const found of [counts({ UNHEALTHY: 1 }), counts({ HEALTHY: 0, INITIAL: 2 }), counts({ DRAINING: 1 }), counts({ HEALTHY: 0 })]) {
      const cache = new TargetHealthCache(3, INTERVAL);
      expect(readsOver(cache, "tg-00000000000000001", 100, 105, found)).toEqual([true, true, true, true, true, true]);
    }
  });

  it("spreads settled groups over the checks of a cycle", () => {
    const cache = new TargetHealthCache(2, INTERVAL);
    const ids = Array.from({ length: 200 }, (_, i) => `tg-${i.toString(16).padStart(17, "0")}`);
    const slots = ids.map((id) => cache.slotOf(id));
    const first = slots.filter((slot) => slot === 0).length;
    expect(first).toBeGreaterThan(70);
    expect(first).toBeLessThan(130);
  });

  it("reads a group again once its reading is older than the cycle (a missed check)", () => {
    const cache = new TargetHealthCache(2, INTERVAL);
    const id = "tg-00000000000000001";
    const slot = cache.slotOf(id);
    // check 100 is the first this environment sees (position 0); read on the group's own slot, then skip checks
    expect(cache.reusable(id, check(100))).toBeUndefined();
    const n = slot === 0 ? 100 : 101;
    cache.store(id, counts(), check(n));
    expect(cache.reusable(id, check(n + 1))).toEqual(counts());
    expect(cache.reusable(id, check(n + 3))).toBeUndefined();
  });

  it("counts checks from the first one it sees, whatever the schedule's phase", () => {
    const cache = new TargetHealthCache(2, INTERVAL);
    const first = check(100) + 137_000; // a rate schedule created at an odd time
    expect(cache.checkIndex(first)).toBe(0);
    expect(cache.checkIndex(first + INTERVAL + 50_000)).toBe(1);
    expect(cache.checkIndex(first + 2 * INTERVAL - 40_000)).toBe(0);
  });

  it("absorbs scheduler jitter in the check number", () => {
    const cache = new TargetHealthCache(2, INTERVAL);
    expect(cache.checkIndex(check(101) - 20_000)).toBe(cache.checkIndex(check(101)));
    expect(cache.checkIndex(check(101) + 20_000)).toBe(cache.checkIndex(check(101)));
  });

  it("reads a group whose reading is dated in the future (a clock that went back)", () => {
    const cache = new TargetHealthCache(2, INTERVAL);
    cache.store("tg-00000000000000001", counts(), check(110));
    expect(cache.reusable("tg-00000000000000001", check(109))).toBeUndefined();
  });

  it("forgets groups on request and those no longer in use", () => {
    const cache = new TargetHealthCache(2, INTERVAL);
    cache.store("tg-a0000000000000001", counts(), check(1));
    cache.store("tg-b0000000000000001", counts(), check(1));
    cache.store("tg-c0000000000000001", counts(), check(1));
    cache.forget("tg-a0000000000000001");
    cache.retainOnly(["tg-b0000000000000001"]);
    expect(cache.size).toBe(1);
  });

  it.each([
    [0, INTERVAL],
    [1.5, INTERVAL],
    [2, 0],
  ])("rejects refreshChecks %s with interval %s", (refresh, interval) => {
    expect(() => new TargetHealthCache(refresh, interval)).toThrow(RangeError);
  });
});
