import { createHash } from "node:crypto";
import {
  applyArchiveStandIn,
  archiveAttributes,
  findArchiveReferences,
  listArchiveFiles,
  removeArchiveProvider,
  resolveStackPath,
} from "../../../scripts/lib/archive-stand-in";
import { CheckError } from "../../../scripts/lib/errors";
import type { JsonObject } from "../../../scripts/lib/tf-json";

/** A stack as cdktf synthesizes it: one archive feeding a Lambda function. */
function stack(): JsonObject {
  return {
    data: {
      archive_file: {
        fn: { output_path: "assets/src/HASH/../fn.zip", source_dir: "assets/src/HASH", type: "zip" },
      },
      aws_iam_policy_document: { assume: { statement: [] } },
    },
    output: { md5: { value: "${data.archive_file.fn.output_md5}" } },
    provider: { archive: [{}], aws: [{ region: "eu-west-1" }] },
    resource: {
      aws_lambda_function: {
        fn: {
          depends_on: ["data.archive_file.fn", "aws_iam_role.r"],
          filename: "${data.archive_file.fn.output_path}",
          source_code_hash: "${data.archive_file.fn.output_base64sha256}",
          tags: { sha: "${substr(data.archive_file.fn.output_sha, 0, 8)}" },
        },
      },
      aws_s3_object: { o: { depends_on: ["data.archive_file.fn"], key: "k" } },
    },
    terraform: {
      required_providers: { archive: { source: "hashicorp/archive", version: "2.7.1" }, aws: { source: "aws", version: "5.100.0" } },
    },
  };
}

const ZIP = Buffer.from("not really a zip, but bytes to hash");

describe("listArchiveFiles", () => {
  it("lists each archive with normalized paths", () => {
    expect(listArchiveFiles(stack())).toEqual([
      { name: "fn", sourceDir: "assets/src/HASH", sourceFile: undefined, outputPath: "assets/src/fn.zip" },
    ]);
  });

  it("returns nothing when there is no archive_file", () => {
    expect(listArchiveFiles({ resource: {} })).toEqual([]);
  });

  it("accepts source_file", () => {
    const config = { data: { archive_file: { f: { source_file: "${path.module}/a.js", output_path: "a.zip", type: "zip" } } } };
    expect(listArchiveFiles(config)).toEqual([{ name: "f", sourceDir: undefined, sourceFile: "a.js", outputPath: "a.zip" }]);
  });

  it.each([
    [{ type: "tar.gz", source_dir: "s", output_path: "o" }, /builds zip archives only/],
    [{ type: "zip", source: [{ content: "x", filename: "x" }], output_path: "o" }, /uses source/],
    [{ type: "zip", source_dir: "s", excludes: ["x"], output_path: "o" }, /uses excludes/],
    [{ type: "zip", source_dir: "s" }, /no output_path/],
    [{ type: "zip", source_dir: "s", source_file: "f", output_path: "o" }, /exactly one of source_dir and source_file/],
    [{ type: "zip", source_dir: "${var.dir}", output_path: "o" }, /cannot evaluate/],
  ])("rejects what the stand-in cannot honour: %j", (block, message) => {
    const config = { data: { archive_file: { x: block } } } as JsonObject;
    expect(() => listArchiveFiles(config)).toThrow(CheckError);
    expect(() => listArchiveFiles(config)).toThrow(message);
  });
});

describe("resolveStackPath", () => {
  it.each([
    ["${path.module}/dist/fn.zip", "dist/fn.zip"],
    ["./dist/../out/fn.zip", "out/fn.zip"],
    ["${path.root}/x", "x"],
    ["/abs/./x.zip", "/abs/x.zip"],
    ["../outside.zip", "../outside.zip"],
  ])("%s → %s", (input, expected) => {
    expect(resolveStackPath(input, "test")).toBe(expected);
  });
});

describe("archiveAttributes", () => {
  it("computes path, size and hashes like hashicorp/archive", () => {
    const a = archiveAttributes(ZIP, "out/fn.zip");
    expect(a.output_path).toBe("out/fn.zip");
    expect(a.output_size).toBe(String(ZIP.length));
    expect(a.output_base64sha256).toBe(createHash("sha256").update(ZIP).digest("base64"));
    expect(a.output_sha256).toBe(createHash("sha256").update(ZIP).digest("hex"));
    expect(a.output_md5).toBe(createHash("md5").update(ZIP).digest("hex"));
    expect(a.output_sha).toBe(createHash("sha1").update(ZIP).digest("hex"));
    expect(a.id).toBe(a.output_sha);
    expect(a.output_base64sha512).toBe(createHash("sha512").update(ZIP).digest("base64"));
  });
});

describe("applyArchiveStandIn", () => {
  const attributes = archiveAttributes(ZIP, "assets/src/fn.zip");

  it("writes the literals in place of every reference", () => {
    const out = applyArchiveStandIn(stack(), "fn", attributes);
    const fn = (out.resource as any).aws_lambda_function.fn;
    expect(fn.filename).toBe("assets/src/fn.zip");
    expect(fn.source_code_hash).toBe(attributes.output_base64sha256);
    expect(fn.tags.sha).toBe(`\${substr("${attributes.output_sha}", 0, 8)}`);
    expect((out.output as any).md5.value).toBe(attributes.output_md5);
  });

  it("drops the data source from depends_on, and empty depends_on lists", () => {
    const out = applyArchiveStandIn(stack(), "fn", attributes) as any;
    expect(out.resource.aws_lambda_function.fn.depends_on).toEqual(["aws_iam_role.r"]);
    expect("depends_on" in out.resource.aws_s3_object.o).toBe(false);
  });

  it("deletes the data source but keeps other data sources", () => {
    const out = applyArchiveStandIn(stack(), "fn", attributes) as any;
    expect(out.data.archive_file).toBeUndefined();
    expect(out.data.aws_iam_policy_document.assume).toBeDefined();
    expect(findArchiveReferences(out)).toEqual([]);
  });

  it("does not change its input", () => {
    const input = stack();
    const before = JSON.stringify(input);
    applyArchiveStandIn(input, "fn", attributes);
    expect(JSON.stringify(input)).toBe(before);
  });

  it("leaves references to other archives for the final check to catch", () => {
    const config = stack() as any;
    config.resource.aws_lambda_function.fn.layers = ["${data.archive_file.other.output_path}"];
    const out = applyArchiveStandIn(config, "fn", attributes);
    expect(findArchiveReferences(out)).toEqual(["resource.aws_lambda_function.fn.layers[0]"]);
  });

  it("leaves attributes it does not know for the final check to catch", () => {
    const config = stack() as any;
    config.resource.aws_lambda_function.fn.description = "${data.archive_file.fn.output_file_mode}";
    expect(findArchiveReferences(applyArchiveStandIn(config, "fn", attributes))).toEqual([
      "resource.aws_lambda_function.fn.description",
    ]);
  });
});

describe("removeArchiveProvider", () => {
  it("removes provider.archive and the required_providers entry, keeping aws", () => {
    const config = stack() as any;
    expect(removeArchiveProvider(config)).toEqual(["removed provider.archive", "removed archive from terraform.required_providers"]);
    expect(config.provider).toEqual({ aws: [{ region: "eu-west-1" }] });
    expect(config.terraform.required_providers).toEqual({ aws: { source: "aws", version: "5.100.0" } });
  });

  it("says nothing when there is no archive provider", () => {
    expect(removeArchiveProvider({ provider: { aws: [] } })).toEqual([]);
  });
});

describe("findArchiveReferences", () => {
  it("reports the data block itself", () => {
    expect(findArchiveReferences(stack())).toContain("data.archive_file (the block itself)");
  });
});
