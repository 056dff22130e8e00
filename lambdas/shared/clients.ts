/**
 * One way to build every AWS SDK v3 client the handlers use, so retries and
 * timeouts are the same everywhere.
 *
 * The factory takes the client class instead of importing all six clients:
 * a bundle then holds only the clients its handler really uses, which keeps
 * module load (cold start) short.
 */
import { NodeHttpHandler } from "@smithy/node-http-handler";

import { ENV, positiveIntEnv } from "./env";

/** SDK retry strategies the handlers allow. */
export type RetryMode = "standard" | "adaptive";

/** Retry and timeout settings shared by every client. */
export interface ClientSettings {
  /**
   * Attempts per call, the first one included.
   * @default 5, or `SL_AWS_MAX_ATTEMPTS`
   */
  readonly maxAttempts: number;
  /**
   * Time one attempt may take, connection included, before it fails with a
   * retryable `TimeoutError`.
   * @default 5000 ms, or `SL_AWS_REQUEST_TIMEOUT_MS`
   */
  readonly requestTimeoutMs: number;
  /**
   * `standard` backs off after errors; `adaptive` also rate-limits the client
   * once AWS starts to throttle it.
   * @default "standard", or `SL_AWS_RETRY_MODE`
   */
  readonly retryMode: RetryMode;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_REQUEST_TIMEOUT_MS = 5000;

/**
 * Reads the client settings from the environment, falling back to the defaults.
 * @throws when a variable is set to an invalid value; the message names it.
 */
export function clientSettings(env: Readonly<Record<string, string | undefined>> = process.env): ClientSettings {
  const retryMode = env[ENV.awsRetryMode]?.trim() || "standard";
  if (retryMode !== "standard" && retryMode !== "adaptive") {
    throw new Error(`Environment variable ${ENV.awsRetryMode} must be "standard" or "adaptive", got "${retryMode}"`);
  }
  return {
    maxAttempts: positiveIntEnv(ENV.awsMaxAttempts, DEFAULT_MAX_ATTEMPTS, env),
    requestTimeoutMs: positiveIntEnv(ENV.awsRequestTimeoutMs, DEFAULT_REQUEST_TIMEOUT_MS, env),
    retryMode,
  };
}

/** The part of an SDK client config that this module sets. */
export interface BaseClientConfig {
  readonly maxAttempts: number;
  readonly retryMode: RetryMode;
  readonly requestHandler: NodeHttpHandler;
}

/**
 * Builds the retry and timeout part of a client config.
 *
 * `throwOnRequestTimeout` matters: without it, this version of
 * `@smithy/node-http-handler` only logs a warning when `requestTimeout` passes
 * and keeps waiting for the response.
 */
export function baseClientConfig(settings: ClientSettings = clientSettings()): BaseClientConfig {
  return {
    maxAttempts: settings.maxAttempts,
    retryMode: settings.retryMode,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: settings.requestTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      throwOnRequestTimeout: true,
    }),
  };
}

/** The config keys every SDK v3 client accepts and this module sets. */
export interface SdkRetryConfig {
  maxAttempts?: unknown;
  retryMode?: unknown;
  requestHandler?: unknown;
}

/** Any SDK v3 client class whose constructor takes an optional config object. */
export type ClientClass<TClient, TConfig> = new (...args: [] | [TConfig]) => TClient;

/**
 * Creates an SDK v3 client with the shared retry and timeout settings.
 * @param Client the client class, for example `VPCLatticeClient` or `ECSClient`.
 * @param overrides extra config, for example `region` or a test `endpoint`.
 * @param settings retry and timeout settings; read from the environment by default.
 * @example
 * const ecs = createClient(ECSClient);
 */
export function createClient<TClient, TConfig extends SdkRetryConfig>(
  Client: ClientClass<TClient, TConfig>,
  overrides: NoInfer<Partial<TConfig>> = {},
  settings: ClientSettings = clientSettings()
): TClient {
  // Every field of an SDK client config is optional, so base + overrides is a
  // complete config; TypeScript cannot see that through the generic.
  return new Client({ ...baseClientConfig(settings), ...overrides } as TConfig);
}
