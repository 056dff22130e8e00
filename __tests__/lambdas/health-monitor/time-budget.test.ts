import { readDeadline } from "../../../lambdas/health-monitor/time-budget";

describe("readDeadline", () => {
  it("keeps 30% of a long remaining time for publishing and writing", () => {
    expect(readDeadline(120_000, 20_000, 1_000)).toBe(1_000 + 84_000);
  });

  it("keeps at least one call timeout when 30% is less", () => {
    expect(readDeadline(60_000, 20_000, 0)).toBe(40_000);
  });

  it("leaves no time for reads when the remaining time is shorter than a call timeout", () => {
    expect(readDeadline(10_000, 20_000, 0)).toBeLessThan(0);
  });
});
