/**
 * One way to build every AWS SDK v3 client the handlers use, so retries and
 * timeouts are the same everywhere.
 *
 * The factory takes the client class instead of importing all six clients:
 * a bundle then holds only the clients its handler really uses, which keeps
 * module load (cold start) short.
 */
import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";

import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { NodeHttpHandlerOptions } from "@smithy/node-http-handler";

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
   * Time one attempt may take, end to end (connection, request, response
   * headers and response body), before it fails with a retryable `TimeoutError`.
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

/**
 * A `NodeHttpHandler` whose time limit covers the whole attempt, the response
 * body included.
 *
 * Why: in `@smithy/node-http-handler` 4.14.2 the `requestTimeout` timer is
 * cleared as soon as the response headers arrive (`handle` resolves then), so
 * a body that stalls after the headers was bounded only by the socket. Its
 * `socketTimeout` option does not fix that: it is an idle timer
 * (`socket.setTimeout`) that every received byte restarts, so a body that
 * trickles in keeps the attempt alive without limit, and at 6000 ms or more
 * it is only armed 3 s into the request.
 *
 * How: the clock starts when the attempt starts. Up to the headers, the
 * handler's own `connectionTimeout` and `requestTimeout` (same limit) apply.
 * Once the headers are in, whatever is left of the limit is armed on the
 * response body; if the body has not been fully received by then, it is
 * destroyed with a `TimeoutError` (`code: "ETIMEDOUT"`, the same shape the
 * handler uses). The SDK reads the body inside the same attempt (it
 * deserializes every non-streaming response), so the error surfaces from
 * `client.send`, and the SDK retry strategy treats it as transient: the
 * attempt is retried like any other timeout, up to `maxAttempts`. The socket
 * is destroyed with the body, so it is not reused.
 */
export class AttemptTimeoutHttpHandler extends NodeHttpHandler {
  readonly attemptTimeoutMs: number;

  constructor(attemptTimeoutMs: number, options: NodeHttpHandlerOptions = {}) {
    super({
      connectionTimeout: attemptTimeoutMs,
      requestTimeout: attemptTimeoutMs,
      throwOnRequestTimeout: true,
      ...options,
    });
    this.attemptTimeoutMs = attemptTimeoutMs;
  }

  override async handle(...args: Parameters<NodeHttpHandler["handle"]>): ReturnType<NodeHttpHandler["handle"]> {
    const started = Date.now();
    // A per-call `requestTimeout` replaces the limit, as it does in the base handler.
    const limitMs = args[1]?.requestTimeout ?? this.attemptTimeoutMs;
    const result = await super.handle(...args);
    if (limitMs > 0) {
      boundBody(result.response.body, limitMs - (Date.now() - started), limitMs);
    }
    return result;
  }
}

/** Destroys `body` with a `TimeoutError` unless it has been fully received within `remainingMs`. */
function boundBody(body: unknown, remainingMs: number, limitMs: number): void {
  if (!(body instanceof Readable) || body.readableEnded || body.destroyed) {
    return;
  }
  const received = () => (body as Partial<IncomingMessage>).complete === true;
  const timer = setTimeout(() => {
    if (!received() && !body.destroyed) {
      body.destroy(attemptTimeoutError(limitMs));
    }
  }, Math.max(0, remainingMs));
  // The timer must never keep the process (or a Lambda invocation) alive on its own.
  timer.unref();
  // `close` follows both the end of the body and its destruction (an error included).
  const clear = () => clearTimeout(timer);
  body.once("end", clear);
  body.once("close", clear);
}

function attemptTimeoutError(limitMs: number): Error {
  return Object.assign(new Error(`the response body was not received within the ${limitMs} ms limit for one attempt`), {
    name: "TimeoutError",
    code: "ETIMEDOUT",
  });
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
 * and keeps waiting for the response. `AttemptTimeoutHttpHandler` extends the
 * same limit over the response body.
 */
export function baseClientConfig(settings: ClientSettings = clientSettings()): BaseClientConfig {
  return {
    maxAttempts: settings.maxAttempts,
    retryMode: settings.retryMode,
    requestHandler: new AttemptTimeoutHttpHandler(settings.requestTimeoutMs, {
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
