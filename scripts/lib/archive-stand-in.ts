/**
 * Pure rewrites that stand in for `data.archive_file` in a stack's Terraform JSON.
 *
 * The hashicorp/archive provider is not in the local provider mirror, so the
 * check builds each zip itself (see `archive-build.ts`) and then, with the
 * functions here, writes the zip's path and hashes into the configuration in
 * place of the data source's attributes and deletes the data source.
 */
import { createHash } from "node:crypto";
import { posix } from "node:path";
import { CheckError } from "./errors";
import { replaceReference } from "./hcl-references";
import { deleteAndPrune, findStrings, getObject, isObject, mapStrings, type Json, type JsonObject } from "./tf-json";

/** What the check needs to know about one `data.archive_file` block. */
export interface ArchiveFileSpec {
  /** The block's name: `data.archive_file.<name>`. */
  readonly name: string;
  /** `source_dir`, if set, with `${path.module}` resolved. Relative to the stack folder unless absolute. */
  readonly sourceDir?: string;
  /** `source_file`, if set, with `${path.module}` resolved. */
  readonly sourceFile?: string;
  /** `output_path` with `${path.module}` resolved. */
  readonly outputPath: string;
}

/** The attributes of `data.archive_file` the check computes (all as strings). */
export type ArchiveAttributes = Readonly<Record<string, string>>;

/** Arguments the stand-in cannot honour; the check refuses rather than plan something different. */
const UNSUPPORTED_ARGUMENTS = ["source", "source_content", "source_content_filename", "excludes", "exclude_symlink_directories"];

/**
 * Lists the `data.archive_file` blocks in `config`.
 *
 * @throws CheckError if a block uses something the stand-in does not support
 *   (a type other than zip, inline `source` content, `excludes`, or a path
 *   built from an expression other than `${path.module}`).
 */
export function listArchiveFiles(config: JsonObject): ArchiveFileSpec[] {
  const blocks = getObject(config, "data", "archive_file");
  if (!blocks) return [];
  return Object.entries(blocks).map(([name, block]) => {
    const where = `data.archive_file.${name}`;
    if (!isObject(block)) throw new CheckError(`${where} is not an object.`);
    const type = block.type ?? "zip";
    if (type !== "zip") {
      throw new CheckError(`${where} has type "${String(type)}"; the check's stand-in builds zip archives only.`, `Use type "zip".`);
    }
    const unsupported = UNSUPPORTED_ARGUMENTS.filter((a) => a in block);
    if (unsupported.length > 0) {
      throw new CheckError(
        `${where} uses ${unsupported.join(", ")}, which the check's stand-in for hashicorp/archive does not support.`,
        "Point source_dir at a folder that holds exactly the files to zip (for example a TerraformAsset), or extend scripts/lib/archive-stand-in.ts.",
      );
    }
    const sourceDir = optionalPath(block, "source_dir", where);
    const sourceFile = optionalPath(block, "source_file", where);
    const outputPath = optionalPath(block, "output_path", where);
    if (!outputPath) throw new CheckError(`${where} has no output_path.`, "Set output_path to where the zip should be written.");
    if ((sourceDir === undefined) === (sourceFile === undefined)) {
      throw new CheckError(`${where} must set exactly one of source_dir and source_file.`);
    }
    return { name, sourceDir, sourceFile, outputPath };
  });
}

/**
 * Resolves a path argument of `data.archive_file` as Terraform would from the
 * stack folder: `${path.module}`, `${path.root}` and `${path.cwd}` all mean
 * that folder. Relative results are normalized POSIX paths.
 *
 * @throws CheckError if the path holds any other interpolation.
 */
export function resolveStackPath(value: string, where: string): string {
  const resolved = value.replace(/\$\{\s*path\.(module|root|cwd)\s*\}/g, ".");
  if (/[$%]\{/.test(resolved)) {
    throw new CheckError(
      `${where} is "${value}", an expression the check cannot evaluate before Terraform runs.`,
      "Give data.archive_file a literal path (cdktf: a TerraformAsset's .path, or a plain string).",
    );
  }
  return posix.isAbsolute(resolved) ? posix.normalize(resolved) : posix.normalize(resolved.replace(/^(\.\/)+/, ""));
}

/**
 * Computes the attributes hashicorp/archive would export for a zip with these
 * bytes written at `outputPath`.
 */
export function archiveAttributes(zip: Buffer, outputPath: string): ArchiveAttributes {
  const digest = (algorithm: string, encoding: "hex" | "base64") => createHash(algorithm).update(zip).digest(encoding);
  const sha1 = digest("sha1", "hex");
  return {
    id: sha1,
    output_path: outputPath,
    output_size: String(zip.length),
    output_md5: digest("md5", "hex"),
    output_sha: sha1,
    output_sha256: digest("sha256", "hex"),
    output_base64sha256: digest("sha256", "base64"),
    output_sha512: digest("sha512", "hex"),
    output_base64sha512: digest("sha512", "base64"),
  };
}

/**
 * Replaces every reference to `data.archive_file.<name>.<attribute>` in `config`
 * with the computed literal, drops `data.archive_file.<name>` from every
 * `depends_on`, and deletes the data source.
 *
 * @returns A new configuration; `config` is not changed.
 */
export function applyArchiveStandIn(config: JsonObject, name: string, attributes: ArchiveAttributes): JsonObject {
  const prefix = `data.archive_file.${name}`;
  let out = mapStrings(config, (s) => {
    if (!s.includes(prefix)) return s;
    let r = s;
    for (const [attribute, value] of Object.entries(attributes)) r = replaceReference(r, `${prefix}.${attribute}`, value);
    return r;
  }) as JsonObject;
  out = withoutDependsOn(out, prefix) as JsonObject;
  deleteAndPrune(out, ["data", "archive_file"], name);
  return out;
}

/**
 * Removes the archive provider from `config` (in place): `provider.archive` and
 * `terraform.required_providers.archive`.
 *
 * @returns Notes for what was removed.
 */
export function removeArchiveProvider(config: JsonObject): string[] {
  const notes: string[] = [];
  if (deleteAndPrune(config, ["provider"], "archive")) notes.push("removed provider.archive");
  if (deleteAndPrune(config, ["terraform", "required_providers"], "archive")) {
    notes.push("removed archive from terraform.required_providers");
  }
  return notes;
}

/** Lists where in `config` a reference to `data.archive_file` is still used. */
export function findArchiveReferences(config: JsonObject): string[] {
  const leftovers = findStrings(config, (s) => s.includes("data.archive_file."));
  if (getObject(config, "data", "archive_file")) leftovers.push("data.archive_file (the block itself)");
  return leftovers;
}

/** Returns `value` with `address` (or `${address}`) removed from every `depends_on` list. */
function withoutDependsOn(value: Json, address: string): Json {
  if (Array.isArray(value)) return value.map((v) => withoutDependsOn(v, address));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === "depends_on" && Array.isArray(child)) {
      const kept = child.filter((d) => d !== address && d !== `\${${address}}`);
      if (kept.length > 0) out[key] = kept;
    } else {
      out[key] = withoutDependsOn(child, address);
    }
  }
  return out;
}

function optionalPath(block: JsonObject, argument: string, where: string): string | undefined {
  const value = block[argument];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new CheckError(`${where}.${argument} is not a string.`);
  return resolveStackPath(value, `${where}.${argument}`);
}
