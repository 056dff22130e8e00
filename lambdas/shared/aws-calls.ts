/**
 * Counts and bounds the AWS calls a handler makes.
 *
 * `instrument` wraps an SDK v3 client so that every `send` is counted by
 * operation name and carries an `AbortSignal` that ends the whole call,
 * retries included, after `callTimeoutMs`. The SDK's own per-attempt timeout
 * (see clients.ts) still applies to each attempt; this limit caps their sum,
 * so one slow API cannot use up the function's time.
 *
 * The wrapper keeps the client's type, and tests can still mock the client
 * underneath with aws-sdk-client-mock.
 */

/** Default limit of one call, all attempts and backoffs included. */
export const DEFAULT_CALL_TIMEOUT_MS = 20_000;

/** Calls made, by operation (`ListTargets`, `GetMetricData`...). */
export type CallCounts = Record<string, number>;

/** A place that counts calls; one per invocation. */
export class CallCounter {
  private readonly counts: CallCounts = {};

  /** Counts one call of `operation`. */
  record(operation: string): void {
    this.counts[operation] = (this.counts[operation] ?? 0) + 1;
  }

  /** A copy of the counts so far. */
  snapshot(): CallCounts {
    return { ...this.counts };
  }

  /** All calls so far. */
  total(): number {
    return Object.values(this.counts).reduce((sum, n) => sum + n, 0);
  }
}

interface Sendable {
  send(command: unknown, options?: unknown): Promise<unknown>;
}

/**
 * The operation name of an SDK v3 command. Commands carry their operation
 * schema (`[kind, namespace, name, ...]`); the class name is the fallback,
 * which esbuild's minifier would mangle.
 */
export function operationName(command: unknown): string {
  const schema = (command as { schema?: unknown } | null)?.schema;
  if (Array.isArray(schema) && typeof schema[2] === "string") {
    return schema[2];
  }
  const named = (schema as { name?: unknown } | undefined)?.name;
  if (typeof named === "string") {
    return named;
  }
  const className = (command as object | null)?.constructor?.name ?? "Unknown";
  return className.replace(/Command$/, "");
}

/**
 * Wraps `client` so each `send` is counted in `counter` and aborted after
 * `callTimeoutMs` (unless the caller passes its own `abortSignal`).
 */
export function instrument<TClient extends object>(
  client: TClient,
  counter: CallCounter,
  callTimeoutMs: number = DEFAULT_CALL_TIMEOUT_MS
): TClient {
  const target = client as unknown as Sendable;
  return new Proxy(client, {
    get(object, property, receiver) {
      if (property !== "send") {
        return Reflect.get(object, property, receiver) as unknown;
      }
      return (command: unknown, options?: Record<string, unknown>) => {
        counter.record(operationName(command));
        const abortSignal = options?.abortSignal ?? AbortSignal.timeout(callTimeoutMs);
        return target.send(command, { ...options, abortSignal });
      };
    },
  });
}
