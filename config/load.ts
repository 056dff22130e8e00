/**
 * Loads and validates one environment file. Nothing in the stacks runs until
 * this has returned a fully valid config.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { ConfigError, problemsFromIssues } from "./errors";
import { checkRules } from "./rules";
import { configSchema, type ServiceLifecycleConfig } from "./schema";

/** The environment used when none is chosen: the committed example. */
export const DEFAULT_ENVIRONMENT = "example";
/** Environment variable that picks the environment file. */
export const ENVIRONMENT_VARIABLE = "SL_ENV";
const ENV_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;

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

/**
 * Picks the environment: the `SL_ENV` variable, else the cdktf context value
 * `environment`, else `example`.
 */
export function resolveEnvironment(env: NodeJS.ProcessEnv, context?: unknown): string {
  const fromEnv = env[ENVIRONMENT_VARIABLE];
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  if (typeof context === "string" && context !== "") return context;
  return DEFAULT_ENVIRONMENT;
}

/** Validates already-parsed JSON; `file` is only used in messages. */
export function validateConfig(raw: unknown, file: string): ServiceLifecycleConfig {
  const result = validatedConfigSchema.safeParse(raw, { reportInput: true });
  if (!result.success) throw new ConfigError(file, problemsFromIssues(result.error.issues));
  return result.data;
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new ConfigError(file, [
      { path: "", value: undefined, message: `is not valid JSON (${detail}). Fix: correct the syntax; editors that read the "$schema" field point at the spot.` },
    ]);
  }
}

/** Reads, parses and validates `config/environments/<environment>.json`. */
export function loadConfig(projectRoot: string, environment: string): LoadedConfig {
  const known = listEnvironments(projectRoot);
  const file = relative(projectRoot, join(environmentsDir(projectRoot), `${environment}.json`));
  if (!ENV_NAME.test(environment)) {
    throw new ConfigError(file, [
      { path: ENVIRONMENT_VARIABLE, value: JSON.stringify(environment), message: `is not an environment name. Fix: use lowercase letters, digits and hyphens; known: ${known.join(", ") || "none"}.` },
    ]);
  }
  const path = join(projectRoot, file);
  if (!existsSync(path)) {
    throw new ConfigError(file, [
      { path: ENVIRONMENT_VARIABLE, value: JSON.stringify(environment), message: `has no file ${file}. Fix: copy config/environments/example.json to ${file}, or pick one of: ${known.join(", ") || "none"}.` },
    ]);
  }
  const config = validateConfig(parseJson(readFileSync(path, "utf8"), file), file);
  return { environment, file, config };
}
