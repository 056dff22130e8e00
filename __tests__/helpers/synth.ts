/**
 * Synthesizes the stacks of a config in memory for assertions, with cdktf's
 * validations on, and helpers to look into the resulting Terraform JSON.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { App, Testing, type TerraformStack } from "cdktf";
import { validateConfig, type LoadedConfig } from "../../config/load";
import type { ServiceLifecycleConfigInput } from "../../config/schema";
import { addStacks } from "../../stacks/app";

export const PROJECT_ROOT = resolve(__dirname, "..", "..");

/** The committed example environment, parsed but not validated. */
export function exampleInput(): ServiceLifecycleConfigInput {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, "config", "environments", "example.json"), "utf8"));
}

/** Terraform JSON of one stack. */
export type TfJson = {
  terraform: Record<string, any>;
  provider: Record<string, any[]>;
  resource: Record<string, Record<string, any>>;
  data?: Record<string, Record<string, any>>;
  output?: Record<string, any>;
};

export interface Synthesized {
  readonly stacks: Record<string, TfJson>;
  readonly raw: Record<string, string>;
}

/** Synthesizes every stack of `input` (default: the example) without writing cdktf.out. */
export function synthConfig(input: ServiceLifecycleConfigInput = exampleInput(), environment = "example"): Synthesized {
  const config = validateConfig(input, "test");
  const loaded: LoadedConfig = { environment, file: "test", config };
  const outdir = mkdtempSync(join(tmpdir(), "sl-synth-"));
  try {
    const app = new App({ outdir, skipValidation: true });
    addStacks(app, loaded, { projectRoot: PROJECT_ROOT, outdir: join(PROJECT_ROOT, "cdktf.out") });
    const raw: Record<string, string> = {};
    const stacks: Record<string, TfJson> = {};
    for (const child of app.node.children) {
      const text = Testing.synth(child as TerraformStack, true);
      raw[child.node.id] = text;
      stacks[child.node.id] = JSON.parse(text);
    }
    return { stacks, raw };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** All resources of one type, by logical name. */
export function resources(tf: TfJson, type: string): Record<string, any> {
  return tf.resource[type] ?? {};
}

/** The one resource of `type` whose logical name contains `fragment`. */
export function resourceNamed(tf: TfJson, type: string, fragment: string): any {
  const matches = Object.entries(resources(tf, type)).filter(([name]) => name.includes(fragment));
  if (matches.length !== 1) throw new Error(`expected one ${type} named like ${fragment}, found ${matches.length}`);
  return matches[0][1];
}

/** Replaces content hashes of assets so snapshots survive handler code changes. */
export function normalizeForSnapshot(text: string): string {
  return text.replace(/\b[0-9a-f]{16}\b/g, "<hash>");
}

/** `${aws_x.name.attr}` → { type, name, attr }, or undefined when not a plain reference. */
export function parseReference(value: unknown): { type: string; name: string; attr: string } | undefined {
  if (typeof value !== "string") return undefined;
  const m = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}$/.exec(value);
  return m ? { type: m[1], name: m[2], attr: m[3] } : undefined;
}
