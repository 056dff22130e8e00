import { errorSection, warningHeadlines } from "../../../scripts/lib/terraform-output";

const PLAN_FAILURE = [
  "data.aws_caller_identity.me: Reading...",
  "",
  "Plan: 2 to add, 0 to change, 0 to destroy.",
  "",
  "Error: reading STS Caller Identity",
  "",
  "  with data.aws_caller_identity.me,",
  "",
].join("\n");

describe("errorSection", () => {
  it("starts at the first Error: line and counts what it left out", () => {
    expect(errorSection(PLAN_FAILURE)).toEqual({
      text: "Error: reading STS Caller Identity\n\n  with data.aws_caller_identity.me,",
      omittedLines: 4,
    });
  });

  it("understands the box-drawing gutter Terraform uses on terminals", () => {
    expect(errorSection("x\n│ Error: boom\n│ detail").text).toBe("│ Error: boom\n│ detail");
  });

  it("returns everything when there is no Error: line, or it comes first", () => {
    expect(errorSection("just text\nmore")).toEqual({ text: "just text\nmore", omittedLines: 0 });
    expect(errorSection("Error: first\nx")).toEqual({ text: "Error: first\nx", omittedLines: 0 });
  });
});

describe("warningHeadlines", () => {
  it("lists distinct warning headlines", () => {
    const out = "Warning: Argument is deprecated\n\nstuff\n│ Warning: Argument is deprecated\nWarning: Other\nError: e";
    expect(warningHeadlines(out)).toEqual(["Argument is deprecated", "Other"]);
  });
});
