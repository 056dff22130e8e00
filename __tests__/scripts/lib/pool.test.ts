import { mapLimited } from "../../../scripts/lib/pool";

describe("mapLimited", () => {
  it("never runs more than the limit at once and keeps input order", async () => {
    let running = 0;
    let peak = 0;
    const results = await mapLimited([30, 10, 20, 5], 2, async (ms) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, ms));
      running--;
      return ms * 2;
    });
    expect(peak).toBe(2);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : null))).toEqual([60, 20, 40, 10]);
  });

  it("reports failures without stopping the others", async () => {
    const results = await mapLimited([1, 2, 3], 2, async (n) => {
      if (n === 2) throw new Error("two");
      return n;
    });
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });
});
