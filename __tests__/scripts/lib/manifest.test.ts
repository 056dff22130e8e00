import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CheckError } from "../../../scripts/lib/errors";
import { parseManifest, readManifest } from "../../../scripts/lib/manifest";

const entry = (name: string, extra: object = {}) => ({
  name,
  constructPath: name,
  workingDirectory: `stacks/${name}`,
  synthesizedStackPath: `stacks/${name}/cdk.tf.json`,
  stackMetadataPath: `stacks/${name}/metadata.json`,
  annotations: [],
  dependencies: [],
  ...extra,
});

describe("parseManifest", () => {
  it("lists stacks sorted by name with absolute paths", () => {
    const stacks = parseManifest({ version: "0.21.0", stacks: { b: entry("b"), a: entry("a") } }, "/out");
    expect(stacks).toEqual([
      { name: "a", dir: "/out/stacks/a", configFile: "/out/stacks/a/cdk.tf.json", warnings: [] },
      { name: "b", dir: "/out/stacks/b", configFile: "/out/stacks/b/cdk.tf.json", warnings: [] },
    ]);
  });

  it("collects warning annotations", () => {
    const annotations = [
      { constructPath: "a/fn", level: "@cdktf/warn", message: "careful" },
      { constructPath: "a/fn", level: "@cdktf/info", message: "fyi" },
    ];
    expect(parseManifest({ stacks: { a: entry("a", { annotations }) } }, "/out")[0].warnings).toEqual(["a/fn: careful"]);
  });

  it("rejects a manifest without stacks", () => {
    expect(() => parseManifest({ stacks: {} }, "/out")).toThrow(/lists no stacks/);
    expect(() => parseManifest(null, "/out")).toThrow(CheckError);
  });

  it("rejects HCL output", () => {
    expect(() => parseManifest({ stacks: { a: entry("a", { synthesizedStackPath: "stacks/a/cdk.tf" }) } }, "/out")).toThrow(/HCL/);
  });
});

describe("readManifest", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "manifest-test-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("explains a missing manifest", () => {
    expect(() => readManifest(dir)).toThrow(/no manifest.json/);
  });

  it("explains a missing stack file", () => {
    writeFileSync(join(dir, "manifest.json"), JSON.stringify({ stacks: { a: entry("a") } }));
    expect(() => readManifest(dir)).toThrow(/lists stack a, but .* does not exist/);
  });

  it("reads a complete output folder", () => {
    writeFileSync(join(dir, "manifest.json"), JSON.stringify({ stacks: { a: entry("a") } }));
    mkdirSync(join(dir, "stacks", "a"), { recursive: true });
    writeFileSync(join(dir, "stacks", "a", "cdk.tf.json"), "{}");
    expect(readManifest(dir).map((s) => s.name)).toEqual(["a"]);
  });
});
