import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CheckError } from "../../../scripts/lib/errors";
import type { StackEntry } from "../../../scripts/lib/manifest";
import { prepareStack } from "../../../scripts/lib/prepare-stack";

let tmp: string;
let stack: StackEntry;

/** A synthesized stack folder like cdktf writes, with one archive_file over an asset. */
function synthesized(config: object): StackEntry {
  const dir = join(tmp, "cdktf.out", "stacks", "svc");
  mkdirSync(join(dir, "assets", "src", "HASH"), { recursive: true });
  writeFileSync(join(dir, "assets", "src", "HASH", "index.js"), "exports.handler = async () => 1;\n");
  writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify(config, null, 2));
  mkdirSync(join(dir, ".terraform"));
  writeFileSync(join(dir, "terraform.tfstate"), "{}");
  return { name: "svc", dir, configFile: join(dir, "cdk.tf.json"), warnings: [] };
}

const CONFIG = {
  data: { archive_file: { fn: { output_path: "assets/src/HASH/../fn.zip", source_dir: "assets/src/HASH", type: "zip" } } },
  provider: { archive: [{}], aws: [{ region: "eu-west-1", allowed_account_ids: ["111111111111"] }] },
  resource: {
    aws_lambda_function: {
      fn: {
        depends_on: ["data.archive_file.fn"],
        filename: "${data.archive_file.fn.output_path}",
        source_code_hash: "${data.archive_file.fn.output_base64sha256}",
      },
    },
  },
  terraform: {
    backend: { s3: { bucket: "b", key: "k", region: "eu-west-1" } },
    required_providers: { archive: { source: "hashicorp/archive", version: "2.7.1" }, aws: { source: "aws", version: "5.100.0" } },
  },
};

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), "prepare-test-"));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe("prepareStack", () => {
  it("rewrites a copy and leaves the synthesized stack untouched", () => {
    stack = synthesized(CONFIG);
    const original = readFileSync(stack.configFile, "utf8");
    const copy = prepareStack(stack, join(tmp, ".check"));

    expect(readFileSync(stack.configFile, "utf8")).toBe(original);
    expect(existsSync(join(stack.dir, "assets", "src", "fn.zip"))).toBe(false);
    expect(copy.dir).toBe(join(tmp, ".check", "svc"));
    expect(existsSync(join(copy.dir, ".terraform"))).toBe(false);
    expect(existsSync(join(copy.dir, "terraform.tfstate"))).toBe(false);

    const config = JSON.parse(readFileSync(join(copy.dir, "cdk.tf.json"), "utf8"));
    const zip = readFileSync(join(copy.dir, "assets", "src", "fn.zip"));
    expect(config.resource.aws_lambda_function.fn).toEqual({
      filename: "assets/src/fn.zip",
      source_code_hash: createHash("sha256").update(zip).digest("base64"),
    });
    expect(config.data).toBeUndefined();
    expect(config.terraform).toEqual({ required_providers: { aws: { source: "aws", version: "5.100.0" } } });
    expect(config.provider.archive).toBeUndefined();
    expect(config.provider.aws[0].allowed_account_ids).toBeUndefined();
    expect(config.provider.aws[0].skip_credentials_validation).toBe(true);
    expect(execFileSync("/usr/bin/unzip", ["-Z1", join(copy.dir, "assets", "src", "fn.zip")], { encoding: "utf8" })).toBe("index.js\n");

    expect(copy.notes).toContain(
      "stand-in: data.archive_file.fn → zip built by the check (hashicorp/archive is not in the local mirror)",
    );
    expect(copy.notes.some((n) => n.startsWith("removed terraform.backend (s3)"))).toBe(true);
    expect(copy.notes.some((n) => n.includes("removed allowed_account_ids"))).toBe(true);
  });

  it("replaces an earlier copy", () => {
    stack = synthesized(CONFIG);
    const first = prepareStack(stack, join(tmp, ".check"));
    writeFileSync(join(first.dir, "stale.txt"), "x");
    prepareStack(stack, join(tmp, ".check"));
    expect(existsSync(join(first.dir, "stale.txt"))).toBe(false);
  });

  it("keeps a zip whose output_path leaves the stack folder inside the copy", () => {
    const config = structuredClone(CONFIG) as any;
    config.data.archive_file.fn.output_path = "${path.module}/../../dist/fn.zip";
    stack = synthesized(config);
    const copy = prepareStack(stack, join(tmp, ".check"));
    const rewritten = JSON.parse(readFileSync(join(copy.dir, "cdk.tf.json"), "utf8"));
    expect(rewritten.resource.aws_lambda_function.fn.filename).toBe("archive-stand-ins/fn.zip");
    expect(existsSync(join(copy.dir, "archive-stand-ins", "fn.zip"))).toBe(true);
    expect(existsSync(join(tmp, "dist"))).toBe(false);
    expect(copy.notes.join("\n")).toMatch(/points outside the stack copy/);
  });

  it("explains a missing source_dir", () => {
    const config = structuredClone(CONFIG) as any;
    config.data.archive_file.fn.source_dir = "assets/missing";
    stack = synthesized(config);
    expect(() => prepareStack(stack, join(tmp, ".check"))).toThrow(/source_dir is "assets\/missing", but no such folder exists/);
  });

  it("fails when a reference to data.archive_file would remain", () => {
    const config = structuredClone(CONFIG) as any;
    config.resource.aws_lambda_function.fn.description = "${data.archive_file.gone.output_path}";
    stack = synthesized(config);
    expect(() => prepareStack(stack, join(tmp, ".check"))).toThrow(/references to data.archive_file remain .*description/);
  });

  it("refuses cross-stack remote state, which cannot be read offline", () => {
    const config = structuredClone(CONFIG) as any;
    config.data.terraform_remote_state = { "cross-stack-reference-input-net": { backend: "s3", config: {} } };
    stack = synthesized(config);
    expect(() => prepareStack(stack, join(tmp, ".check"))).toThrow(CheckError);
    expect(() => prepareStack(stack, join(tmp, ".check"))).toThrow(/data.terraform_remote_state.cross-stack-reference-input-net/);
  });
});
