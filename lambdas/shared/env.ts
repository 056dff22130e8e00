/**
 * Environment variables the handlers read. Each one is read once, at module
 * load, so a misconfigured function fails on its first cold start with a
 * message that names the variable.
 */

/** Names of the project's own environment variables (Powertools reads its own `POWERTOOLS_*`). */
export const ENV = {
  eventBusName: "SL_EVENT_BUS_NAME",
  serviceNetworkArn: "SL_SERVICE_NETWORK_ARN",
  stateTableName: "SL_STATE_TABLE_NAME",
  awsMaxAttempts: "SL_AWS_MAX_ATTEMPTS",
  awsRequestTimeoutMs: "SL_AWS_REQUEST_TIMEOUT_MS",
  awsRetryMode: "SL_AWS_RETRY_MODE",
  awsCallTimeoutMs: "SL_AWS_CALL_TIMEOUT_MS",
} as const;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Returns a required environment variable.
 * @throws when the variable is unset or blank; the message names it.
 * @example
 * const busName = requireEnv(ENV.eventBusName);
 */
export function requireEnv(name: string, env: Env = process.env): string {
  const value = env[name]?.trim();
  if (!value) {
    throw new Error(`Environment variable ${name} is required but is not set`);
  }
  return value;
}

/**
 * Returns an optional positive integer environment variable, or `fallback` when unset.
 * @throws when the variable is set to anything but a positive integer.
 */
export function positiveIntEnv(name: string, fallback: number, env: Env = process.env): number {
  const raw = env[name]?.trim();
  if (!raw) {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`Environment variable ${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}
