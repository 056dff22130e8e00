/**
 * Finds the local Terraform provider mirror and writes the CLI configuration
 * that makes `terraform init` install providers from it and nowhere else.
 */
import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { CheckError } from "./errors";

/** Environment variable that names the mirror explicitly. */
export const MIRROR_ENV = "SL_TF_PROVIDER_MIRROR";

/** Where a mirror was found, and how. */
export interface MirrorLocation {
  /** Absolute path of the folder that holds `registry.terraform.io/`. */
  readonly path: string;
  /** How it was found, for the log: `SL_TF_PROVIDER_MIRROR`, `well-known location` or `search`. */
  readonly how: string;
}

/** Options for {@link findProviderMirror}; the defaults suit real use, tests override them. */
export interface FindMirrorOptions {
  /** Folders tried first, in order. */
  readonly candidates?: readonly string[];
  /** Roots of the bounded search when no candidate holds the AWS provider. */
  readonly searchRoots?: readonly string[];
  /** How many levels below each search root to look (default 4). */
  readonly maxDepth?: number;
}

/** Whether `dir` is a provider mirror that holds hashicorp/aws. */
export function holdsAwsProvider(dir: string): boolean {
  return existsSync(join(dir, "registry.terraform.io", "hashicorp", "aws"));
}

/** The well-known mirror locations, in the order they are tried. */
export function defaultMirrorCandidates(home = homedir()): string[] {
  return [
    "/opt/tf-plugins",
    join(home, ".terraform.d", "plugins"),
    "/usr/share/terraform/plugins",
    "/usr/local/share/terraform/plugins",
  ];
}

/**
 * Locates the provider mirror: `SL_TF_PROVIDER_MIRROR` if set (and then only
 * that), else the first well-known location that holds hashicorp/aws, else a
 * bounded search below /opt, /usr/local, /usr/share and the home folder.
 *
 * @throws CheckError naming SL_TF_PROVIDER_MIRROR if no mirror is found.
 */
export function findProviderMirror(env: NodeJS.ProcessEnv, options: FindMirrorOptions = {}): MirrorLocation {
  const explicit = env[MIRROR_ENV];
  if (explicit) {
    const path = resolve(explicit);
    if (!holdsAwsProvider(path)) {
      throw new CheckError(
        `${MIRROR_ENV} is ${explicit}, but ${join(path, "registry.terraform.io", "hashicorp", "aws")} does not exist.`,
        `Set ${MIRROR_ENV} to the folder that contains registry.terraform.io/ (not a folder inside it).`,
      );
    }
    return { path, how: MIRROR_ENV };
  }
  const candidate = (options.candidates ?? defaultMirrorCandidates()).find(holdsAwsProvider);
  if (candidate) return { path: resolve(candidate), how: "well-known location" };

  const roots = options.searchRoots ?? ["/opt", "/usr/local", "/usr/share", homedir()];
  for (const root of roots) {
    const found = searchBelow(root, options.maxDepth ?? 4);
    if (found) return { path: found, how: "search" };
  }
  throw new CheckError(
    `no Terraform provider mirror holding hashicorp/aws was found; set ${MIRROR_ENV}.`,
    `Set ${MIRROR_ENV} to the folder that contains registry.terraform.io/hashicorp/aws/<version>/<os_arch>/ ` +
      `(looked in ${[...(options.candidates ?? defaultMirrorCandidates()), ...roots].join(", ")}).`,
  );
}

/**
 * The Terraform CLI configuration: install every registry.terraform.io provider
 * from the mirror, and never reach the registry directly.
 */
export function cliConfig(mirrorPath: string): string {
  const quoted = JSON.stringify(mirrorPath); // an HCL string literal for any ordinary path
  return [
    "# Written by scripts/check.ts: providers come from the local mirror only.",
    "provider_installation {",
    "  filesystem_mirror {",
    `    path    = ${quoted}`,
    '    include = ["registry.terraform.io/*/*"]',
    "  }",
    "  direct {",
    '    exclude = ["registry.terraform.io/*/*"]',
    "  }",
    "}",
    "",
  ].join("\n");
}

/** Breadth-first search for a mirror below `root`, at most `maxDepth` levels down. */
function searchBelow(root: string, maxDepth: number): string | undefined {
  let level = [resolve(root)];
  const skip = new Set(["node_modules", ".git", "proc", "sys", "dev", ".cache", ".npm"]);
  for (let depth = 0; depth <= maxDepth && level.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      if (holdsAwsProvider(dir)) return dir;
      if (depth === maxDepth) continue;
      try {
        for (const e of readdirSync(dir, { withFileTypes: true })) {
          if (e.isDirectory() && !skip.has(e.name)) next.push(join(dir, e.name));
        }
      } catch {
        // unreadable folder: skip it
      }
    }
    level = next.slice(0, 20_000);
  }
  return undefined;
}
