/**
 * Errors raised while loading an environment file. Each problem names the
 * field path, the value found and how to fix it; all problems of a file are
 * reported together.
 */
import type { z } from "zod";
import { HEALTH_DEFAULTS } from "./schema";
import { FIELD_HINTS, hintKey } from "./hints";

/** One thing wrong with a config file. */
export interface ConfigProblem {
  /** Field path such as `services[1].scaling.max`; empty for the whole file. */
  readonly path: string;
  /** The value found, as JSON; `undefined` when the field is missing. */
  readonly value: string | undefined;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

/** Thrown when an environment file is missing, unreadable or invalid. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(formatProblems(file, problems));
    this.name = "ConfigError";
  }
}

/** Renders a path array as `services[1].scaling.max`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
    .join("")
    .replace(/^\./, "");
}

/** A value as JSON, cut to 80 characters, for a problem line; undefined stays undefined. */
export function showValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

/** Finds the hint for a path, falling back to its nearest parent that has one. */
function hintFor(path: readonly PropertyKey[]): string | undefined {
  for (let n = path.length; n >= 0; n--) {
    const hint = FIELD_HINTS[hintKey(path.slice(0, n))];
    if (hint) return hint;
  }
  return undefined;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "unrecognized_keys":
      return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    case "invalid_type":
      return issue.input === undefined ? `is required (expected ${issue.expected})` : `expected ${issue.expected}`;
    case "invalid_union":
      return "does not match any allowed shape";
    case "invalid_key":
      return "is not an allowed key";
    case "invalid_format":
      return issue.format === "regex" ? "has the wrong format" : `is not a valid ${issue.format}`;
    default:
      return issue.message.replace(/^Invalid input: /, "");
  }
}

/** The value at the issue's path: for a discriminated union, the discriminator, not the whole object. */
function offendingValue(issue: z.core.$ZodIssue): unknown {
  if (issue.code === "custom") return (issue.params as { value?: unknown } | undefined)?.value;
  const last = issue.path[issue.path.length - 1];
  if (issue.code === "invalid_union" && typeof last === "string" && issue.input !== null && typeof issue.input === "object") {
    return (issue.input as Record<string, unknown>)[last];
  }
  return issue.input;
}

/** Fields of the health thresholds, which are easy to put in the target health check by mistake. */
const THRESHOLD_KEYS = new Set(Object.keys(HEALTH_DEFAULTS));

/**
 * A fix for health thresholds written in the wrong object: a service's
 * `healthCheck` (the Lattice target health check) instead of its `health`,
 * or the top-level `healthCheck` instead of `healthCheck.defaultHealth`.
 */
function misplacedHint(path: readonly PropertyKey[], keys: readonly string[]): string | undefined {
  if (!keys.every((k) => THRESHOLD_KEYS.has(k))) return undefined;
  const where = formatPath(path);
  if (path.length === 3 && path[0] === "services" && path[2] === "healthCheck") {
    return `move it to ${formatPath(path.slice(0, 2))}.health; "healthCheck" is the Lattice target health check, "health" holds the thresholds`;
  }
  if (where === "healthCheck") {
    return "move it to healthCheck.defaultHealth (thresholds of undeclared services) or to a service's health";
  }
  return undefined;
}

/** Turns zod issues into problems with a value and a fix. */
export function problemsFromIssues(issues: readonly z.core.$ZodIssue[]): ConfigProblem[] {
  return issues.map((issue) => {
    const path = issue.path;
    const value = issue.code === "unrecognized_keys" ? undefined : showValue(offendingValue(issue));
    if (issue.code === "custom") {
      return { path: formatPath(path), value, message: issue.message };
    }
    const fix =
      issue.code === "unrecognized_keys"
        ? (misplacedHint(path, issue.keys) ?? "remove it or fix its spelling (see config/service-lifecycle.schema.json)")
        : (hintFor(path) ?? "see config/service-lifecycle.schema.json");
    return { path: formatPath(path), value, message: `${describeIssue(issue)}. Fix: ${fix}.` };
  });
}

/** The multi-line report printed when a config is rejected. */
export function formatProblems(file: string, problems: readonly ConfigProblem[]): string {
  const lines = problems.map((p) => {
    const where = p.path === "" ? "(file)" : p.path;
    const got = p.value === undefined ? "" : ` (got ${p.value})`;
    return `  - ${where}${got}: ${p.message}`;
  });
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return `Invalid config ${file} (${count}); nothing was synthesized:\n${lines.join("\n")}`;
}
