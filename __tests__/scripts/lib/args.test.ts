import { parseArgs } from "../../../scripts/lib/args";

describe("parseArgs", () => {
  it("has defaults", () => {
    expect(parseArgs([])).toEqual({ app: "main.ts", skipSynth: false, outdir: "cdktf.out", stacks: [], jobs: 2, help: false });
  });

  it("reads every option, in both --flag value and --flag=value forms", () => {
    expect(parseArgs(["--app", "x/app.ts", "--skip-synth", "--outdir=out", "--stack", "a", "--stack=b", "--jobs", "1"])).toEqual({
      app: "x/app.ts",
      skipSynth: true,
      outdir: "out",
      stacks: ["a", "b"],
      jobs: 1,
      help: false,
    });
  });

  it("rejects unknown options, missing values and bad numbers", () => {
    expect(() => parseArgs(["--nope"])).toThrow(/unknown option --nope/);
    expect(() => parseArgs(["--app"])).toThrow(/needs a value/);
    expect(() => parseArgs(["--app", "main.js"])).toThrow(/must be a .ts file/);
    expect(() => parseArgs(["--jobs", "0"])).toThrow(/at least 1/);
  });
});
