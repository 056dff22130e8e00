import { countActions, countsMatchSummary, describeCounts, planSummaryLine } from "../../../scripts/lib/plan-summary";

describe("planSummaryLine", () => {
  it("finds Terraform's Plan: line", () => {
    const out = "data.x: Reading...\n\nPlan: 14 to add, 0 to change, 0 to destroy.\n\nChanges to Outputs:\n";
    expect(planSummaryLine(out)).toBe("Plan: 14 to add, 0 to change, 0 to destroy.");
  });

  it("finds the No changes. line", () => {
    expect(planSummaryLine("\nNo changes. Your infrastructure matches the configuration.\n\nTerraform has compared...")).toBe(
      "No changes. Your infrastructure matches the configuration.",
    );
  });

  it("returns undefined when neither is present", () => {
    expect(planSummaryLine("Error: boom")).toBeUndefined();
  });
});

function showJson(actions: string[][]): string {
  return JSON.stringify({ format_version: "1.2", resource_changes: actions.map((a) => ({ change: { actions: a } })) });
}

describe("countActions", () => {
  it("counts each kind of action, replacements once", () => {
    const counts = countActions(showJson([["create"], ["create"], ["update"], ["delete", "create"], ["create", "delete"], ["read"], ["no-op"], ["delete"]]));
    expect(counts).toEqual({ create: 2, update: 1, delete: 1, replace: 2, read: 1, noop: 0 });
  });

  it("accepts a plan without resource changes", () => {
    expect(countActions(JSON.stringify({ format_version: "1.2" }))).toEqual({ create: 0, update: 0, delete: 0, replace: 0, read: 0, noop: 0 });
  });

  it("rejects output that is not a plan", () => {
    expect(() => countActions("{}")).toThrow(/did not print a plan/);
  });
});

describe("countsMatchSummary", () => {
  const counts = { create: 2, update: 1, delete: 1, replace: 1, read: 0, noop: 0 };

  it("agrees when add/change/destroy match", () => {
    expect(countsMatchSummary(counts, "Plan: 3 to add, 1 to change, 2 to destroy.")).toBe(true);
    expect(countsMatchSummary(counts, "Plan: 1 to import, 3 to add, 1 to change, 2 to destroy.")).toBe(true);
  });

  it("disagrees otherwise", () => {
    expect(countsMatchSummary(counts, "Plan: 2 to add, 1 to change, 2 to destroy.")).toBe(false);
    expect(countsMatchSummary(counts, "No changes. Your infrastructure matches the configuration.")).toBe(false);
  });

  it("treats No changes. as all zero", () => {
    const zero = { create: 0, update: 0, delete: 0, replace: 0, read: 0, noop: 3 };
    expect(countsMatchSummary(zero, "No changes. Your infrastructure matches the configuration.")).toBe(true);
  });
});

describe("describeCounts", () => {
  it("lists non-zero counts", () => {
    expect(describeCounts({ create: 3, update: 0, delete: 0, replace: 1, read: 0, noop: 2 })).toBe("3 create, 1 replace");
    expect(describeCounts({ create: 0, update: 0, delete: 0, replace: 0, read: 0, noop: 2 })).toBe("no changes");
  });
});
