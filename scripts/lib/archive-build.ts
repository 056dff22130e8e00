/**
 * Builds the zips that stand in for `data.archive_file` in a stack copy and
 * rewrites the copy's configuration to use them (see `archive-stand-in.ts`).
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { zipDirectory, zipEntries } from "../../stacks/functions/zip";
import {
  applyArchiveStandIn,
  archiveAttributes,
  findArchiveReferences,
  listArchiveFiles,
  removeArchiveProvider,
  type ArchiveFileSpec,
} from "./archive-stand-in";
import { CheckError } from "./errors";
import type { JsonObject } from "./tf-json";

/** The stack configuration after the stand-ins, and what to tell the user. */
export interface ArchiveStandInResult {
  readonly config: JsonObject;
  readonly notes: string[];
}

/** Folder (inside the stack copy) for zips whose output_path points outside the copy. */
const REDIRECT_DIR = "archive-stand-ins";

/**
 * Stands in for every `data.archive_file` in `config`: zips its source with
 * {@link zipDirectory}, writes the zip to its output_path inside `stackDir`,
 * writes the path and hashes into the configuration, and removes the archive
 * provider.
 *
 * @param stackDir - The stack copy (never cdktf.out itself); relative paths resolve from here.
 * @param config - The copy's parsed cdk.tf.json.
 * @throws CheckError if a source is missing or a reference to data.archive_file remains.
 */
export function standInForArchiveFiles(stackDir: string, config: JsonObject): ArchiveStandInResult {
  const notes: string[] = [];
  let out = config;
  for (const spec of listArchiveFiles(config)) {
    const zip = buildZip(stackDir, spec);
    const { path: outputPath, redirected } = placeOutput(stackDir, spec);
    const file = join(stackDir, ...outputPath.split("/"));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, zip);
    const attributes = archiveAttributes(zip, outputPath);
    out = applyArchiveStandIn(out, spec.name, attributes);
    notes.push(
      `stand-in: data.archive_file.${spec.name} → zip built by the check (hashicorp/archive is not in the local mirror)`,
      `  ${spec.sourceDir ? "source_dir" : "source_file"} ${spec.sourceDir ?? spec.sourceFile} → ${outputPath} ` +
        `(${zip.length} bytes, base64sha256 ${attributes.output_base64sha256})`,
    );
    if (redirected) {
      notes.push(`  output_path ${spec.outputPath} points outside the stack copy; the zip was written to ${outputPath} instead`);
    }
  }
  notes.push(...removeArchiveProvider(out));
  const leftovers = findArchiveReferences(out);
  if (leftovers.length > 0) {
    throw new CheckError(
      `references to data.archive_file remain after the stand-in, at: ${leftovers.join(", ")}.`,
      "Only these attributes can be stood in for: output_path, output_size, output_md5, output_sha, output_sha256, " +
        "output_base64sha256, output_sha512, output_base64sha512, id. Use one of them, or extend scripts/lib/archive-stand-in.ts.",
    );
  }
  return { config: out, notes };
}

function buildZip(stackDir: string, spec: ArchiveFileSpec): Buffer {
  const source = (spec.sourceDir ?? spec.sourceFile) as string;
  const argument = spec.sourceDir ? "source_dir" : "source_file";
  const full = resolve(stackDir, source);
  const wanted = spec.sourceDir ? "folder" : "file";
  if (!existsSync(full) || statSync(full).isDirectory() !== Boolean(spec.sourceDir)) {
    throw new CheckError(
      `data.archive_file.${spec.name}.${argument} is "${source}", but no such ${wanted} exists (looked at ${full}).`,
      "Relative paths are read from the synthesized stack folder: use a TerraformAsset's .path, " +
        "and build anything the app expects (for example bundled lambdas) before synthesizing.",
    );
  }
  return spec.sourceDir ? zipDirectory(full) : zipEntries([{ path: basename(full), data: readFileSync(full) }]);
}

/** Keeps the zip inside the stack copy so the check never writes anywhere else. */
function placeOutput(stackDir: string, spec: ArchiveFileSpec): { path: string; redirected: boolean } {
  const rel = relative(stackDir, resolve(stackDir, spec.outputPath));
  if (rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    return { path: `${REDIRECT_DIR}/${spec.name}.zip`, redirected: true };
  }
  return { path: rel.split(sep).join("/"), redirected: false };
}
