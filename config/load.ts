/**
 * Loads and validates one environment file. Nothing in the stacks runs until
 * this has returned a fully valid config.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { ConfigError, problemsFromIssues } from "./errors";
import { guardRawConfig } from "./guards";
import { checkRules } from "./rules";
import { configSchema, type ServiceLifecycleConfig } from "./schema";

/** The environment used when none is chosen: the committed example. */
export const DEFAULT_ENVIRONMENT = "example";
/** Environment variable that picks the environment file. */
export const ENVIRONMENT_VARIABLE = "SL_ENV";
const ENV_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;
/** Far above any real environment file (100 services take about 60 KB). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** The schema with the cross-field rules applied after the field checks. */
export const validatedConfigSchema = configSchema.superRefine(checkRules);

/** A validated config together with where it came from. */
export interface LoadedConfig {
  /** Environment name, the file name without `.json`. */
  readonly environment: string;
  /** Path of the file, relative to the project root. */
  readonly file: string;
  readonly config: ServiceLifecycleConfig;
}

/** The folder that holds the environment files. */
export function environmentsDir(projectRoot: string): string {
  return join(projectRoot, "config", "environments");
}

/** Environment names available under config/environments. */
export function listEnvironments(projectRoot: string): string[] {
  const dir = environmentsDir(projectRoot);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();
}

/** The chosen environment and what chose it (named in error messages). */
export interface EnvironmentChoice {
  readonly name: string;
  readonly source: string;
}

/**
 * Picks the environment: the `SL_ENV` variable, else the cdktf context value
 * `environment`, else `example`. An empty `SL_ENV` counts as unset.
 * @param readContext reads the context value; called only when `SL_ENV` is unset.
 */
export function resolveEnvironment(env: NodeJS.ProcessEnv, readContext: () => unknown = () => undefined): EnvironmentChoice {
  const fromEnv = env[ENVIRONMENT_VARIABLE];
  if (fromEnv !== undefined && fromEnv !== "") return { name: fromEnv, source: ENVIRONMENT_VARIABLE };
  const context = readContext();
  if (context === undefined) return { name: DEFAULT_ENVIRONMENT, source: "default" };
  if (typeof context !== "string" || context === "") {
    throw new ConfigError("cdktf context", [
      { path: "environment", value: JSON.stringify(context), message: 'must be the name of a file in config/environments. Fix: set "context": { "environment": "<name>" } in cdktf.json, or remove it.' },
    ]);
  }
  return { name: context, source: 'cdktf context "environment"' };
}

/** Validates already-parsed JSON; `file` is only used in messages. */
export function validateConfig(raw: unknown, file: string): ServiceLifecycleConfig {
  const guarded = guardRawConfig(raw);
  if (guarded.some((p) => p.message.startsWith("nests deeper"))) throw new ConfigError(file, guarded);
  const result = validatedConfigSchema.safeParse(raw, { reportInput: true });
  // A value the guard rejected is not reported a second time by the schema.
  const guardedPaths = new Set(guarded.map((p) => p.path));
  const schemaProblems = result.success
    ? []
    : problemsFromIssues(result.error.issues).filter(
        (p) => !guardedPaths.has(p.path) && !/^unknown field "(__proto__|constructor|prototype)"\./.test(p.message),
      );
  const problems = [...guarded, ...schemaProblems];
  if (problems.length > 0 || !result.success) throw new ConfigError(file, problems);
  return result.data;
}

/** `line L, column C` of a character offset. */
export function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    const raw = err instanceof Error ? err.message : String(err);
    const detail = raw.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    const position = /position (\d+)/.exec(detail);
    const where = position ? ` at ${lineAndColumn(text, Number(position[1]))}` : "";
    throw new ConfigError(file, [
      { path: "", value: undefined, message: `is not valid JSON${where} (${detail}). Fix: correct the syntax there; comments and trailing commas are not allowed.` },
    ]);
  }
}

/**
 * Reads, parses and validates `config/environments/<environment>.json`.
 * @param source what chose the environment, for messages (default `SL_ENV`).
 */
export function loadConfig(projectRoot: string, environment: string, source: string = ENVIRONMENT_VARIABLE): LoadedConfig {
  const known = listEnvironments(projectRoot);
  if (!ENV_NAME.test(environment)) {
    throw new ConfigError(`environment ${JSON.stringify(environment)}`, [
      { path: source, value: JSON.stringify(environment), message: `is not an environment name. Fix: use lowercase letters, digits and hyphens; known: ${known.join(", ") || "none"}.` },
    ]);
  }
  const file = relative(projectRoot, join(environmentsDir(projectRoot), `${environment}.json`));
  const path = join(projectRoot, file);
  const stats = existsSync(path) ? statSync(path) : undefined;
  if (stats && !stats.isFile()) {
    throw new ConfigError(file, [{ path: "", value: undefined, message: "is not a regular file. Fix: make it a JSON file." }]);
  }
  if (stats && stats.size > MAX_FILE_BYTES) {
    throw new ConfigError(file, [
      { path: "", value: undefined, message: `is ${stats.size} bytes; the limit is ${MAX_FILE_BYTES}. Fix: check that this is the right file.` },
    ]);
  }
  if (!stats) {
    throw new ConfigError(file, [
      { path: source, value: JSON.stringify(environment), message: `has no file ${file}. Fix: copy config/environments/example.json to ${file}, or pick one of: ${known.join(", ") || "none"}.` },
    ]);
  }
  const config = validateConfig(parseJson(readFileSync(path, "utf8"), file), file);
  return { environment, file, config };
}
