import { abbreviate, formatRuns, formatTargets } from "../../../scripts/bench/fleet-report";
import type { MonitorKind, MonitorRun } from "../../../scripts/bench/fleet-report";

function run(services: number, monitor: MonitorKind, totalCalls: number, seconds = 1, extra: Partial<MonitorRun> = {}): MonitorRun {
  return { services, monitor, calls: { ListTargets: totalCalls }, totalCalls, seconds, notes: [], ...extra };
}

describe("fleet report", () => {
  test("abbreviates operations by their capitals", () => {
    expect(abbreviate("ListServiceNetworkServiceAssociations")).toBe("LSNSA");
    expect(abbreviate("GetMetricData")).toBe("GMD");
  });

  test("says within target at exactly a fifth of the naive calls and under 5 s", () => {
    const lines = formatTargets([run(100, "naive", 640), run(100, "ours steady 1", 128), run(500, "ours steady 1", 600, 4.99)]);

    expect(lines).toEqual([
      "100 services: ours steady (most calls of 1 runs) 128 calls vs naive 640 calls = 0.20 (target <= 0.20): within target",
      "500 services: ours steady (slowest of 1 runs) 4.99 s (target < 5 s): within target",
    ]);
  });

  test("judges each target on the worst steady run", () => {
    const lines = formatTargets([
      run(100, "naive", 640),
      run(100, "ours steady 1", 80),
      run(100, "ours steady 2", 133),
      run(500, "ours steady 1", 600, 5.2),
      run(500, "ours steady 2", 300, 2),
    ]);

    expect(lines).toEqual([
      "100 services: ours steady (most calls of 2 runs) 133 calls vs naive 640 calls = 0.21 (target <= 0.20): OVER TARGET",
      "500 services: ours steady (slowest of 2 runs) 5.20 s (target < 5 s): OVER TARGET",
    ]);
  });

  test("says OVER TARGET above a fifth and at 5 s, and not measured without the runs", () => {
    expect(formatTargets([run(100, "naive", 641), run(100, "ours steady 1", 133), run(500, "ours steady 1", 665, 5)])).toEqual([
      "100 services: ours steady (most calls of 1 runs) 133 calls vs naive 641 calls = 0.21 (target <= 0.20): OVER TARGET",
      "500 services: ours steady (slowest of 1 runs) 5.00 s (target < 5 s): OVER TARGET",
    ]);
    expect(formatTargets([run(100, "naive", 641), run(100, "ours steady 1", 10, 1, { error: "boom" })])).toEqual([
      "100 services: not measured (no finished naive and steady run of 100 services)",
      "500 services: not measured (no finished steady run of 500 services)",
    ]);
  });

  test("prints one row per run, a legend, and every note", () => {
    const lines = formatRuns([
      run(10, "naive", 65, 0.25, { calls: { GetMetricData: 10, ListServiceNetworkServiceAssociations: 1 }, statuses: { healthy: 9, unknown: 1 } }),
      run(10, "ours cold", 3, 0.1, { notes: ["the fake refused 1 call(s)"], error: "Error: boom" }),
    ]);

    expect(lines[1]).toMatch(/^ {6}10 {2}naive +65 +0\.25 +9\/0\/0\/1 +LSNSA 1, GMD 10$/);
    expect(lines[2]).toMatch(/ours cold .*FAILED: Error: boom$/);
    expect(lines).toContain("(LSNSA = ListServiceNetworkServiceAssociations; LT = ListTargets; GMD = GetMetricData)");
    expect(lines).toContain("note: 10 services, ours cold: the fake refused 1 call(s)");
  });
});
