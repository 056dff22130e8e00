/**
 * Puts events on an event bus and makes sure each one was accepted.
 *
 * PutEvents answers 200 even when some entries fail: the response's
 * `Entries[]` lines up with the request, and a failed entry carries an
 * `ErrorCode`. Only those entries are sent again, after an exponential
 * backoff with full jitter. Entries that still fail after the last attempt
 * make `publishEvents` throw, so the invocation fails and Lambda's retry and
 * dead-letter handling take over (a retried invocation may publish some
 * events twice, so consumers must tolerate duplicates).
 */
import { PutEventsCommand } from "@aws-sdk/client-eventbridge";
import type { EventBridgeClient, PutEventsRequestEntry, PutEventsResponse } from "@aws-sdk/client-eventbridge";

import { chunk } from "./chunk";
import { mapSettled } from "./concurrency";
import type { Log } from "./logger";

/** PutEvents accepts at most this many entries per call. */
export const MAX_ENTRIES_PER_CALL = 10;

/** How `publishEvents` retries entries that PutEvents rejected. */
export interface PublishOptions {
  /**
   * Calls per batch, the first one included.
   * @default 3
   */
  readonly maxAttempts?: number;
  /**
   * Upper bound of the first backoff; it doubles on each further attempt.
   * @default 100
   */
  readonly baseDelayMs?: number;
  /**
   * Upper bound of any single backoff.
   * @default 2000
   */
  readonly maxDelayMs?: number;
  /** Waits between attempts; tests pass a stub. @default a `setTimeout` promise */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Source of jitter in [0, 1). @default Math.random */
  readonly random?: () => number;
  /** Gets a warning for each rejected attempt. */
  readonly logger?: Log;
  /**
   * Batches in flight at the same time.
   * @default 1
   */
  readonly concurrency?: number;
}

/** What `publishEvents` did. */
export interface PublishResult {
  /** Entries EventBridge accepted. */
  readonly published: number;
  /** PutEvents calls made, resends included. */
  readonly calls: number;
  /** Entry sends beyond the first one (how many resends it took). */
  readonly resent: number;
}

/** One entry that PutEvents still rejected after the last attempt. */
export interface FailedEntry {
  readonly entry: PutEventsRequestEntry;
  readonly errorCode: string;
  readonly errorMessage?: string;
}

/** Thrown when some entries were never accepted; `failures` lists them. */
export class PublishEventsError extends Error {
  constructor(readonly failures: readonly FailedEntry[], readonly result: PublishResult) {
    const codes = [...new Set(failures.map((f) => f.errorCode))].join(", ");
    super(`PutEvents rejected ${failures.length} event(s) after retries (error codes: ${codes})`);
    this.name = "PublishEventsError";
  }
}

/**
 * Backoff before resend number `retry` (1-based): a random time up to
 * `min(maxDelayMs, baseDelayMs * 2^(retry-1))` ("full jitter").
 */
export function backoffDelay(retry: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Sends `entries` with PutEvents, at most 10 per call, resending only the
 * entries that fail.
 * @returns counts of published entries, calls and resends.
 * @throws {PublishEventsError} when entries are still rejected after `maxAttempts`
 *   (every batch is tried first); any error from `send` itself is rethrown as
 *   is, after the other batches were tried.
 * @example
 * await publishEvents(eventBridge, [healthCheckEntry(busName, detail)], { logger });
 */
export async function publishEvents(
  client: EventBridgeClient,
  entries: readonly PutEventsRequestEntry[],
  opts: PublishOptions = {}
): Promise<PublishResult> {
  const maxAttempts = Math.max(1, opts.maxAttempts ?? 3);
  const baseDelayMs = opts.baseDelayMs ?? 100;
  const maxDelayMs = opts.maxDelayMs ?? 2000;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = opts.random ?? Math.random;

  let published = 0;
  let calls = 0;
  let resent = 0;
  const failures: FailedEntry[] = [];

  const sendBatch = async (batch: readonly PutEventsRequestEntry[]): Promise<void> => {
    let pending: readonly PutEventsRequestEntry[] = batch;
    let rejected: FailedEntry[] = [];
    for (let attempt = 1; attempt <= maxAttempts && pending.length > 0; attempt++) {
      if (attempt > 1) {
        resent += pending.length;
        await sleep(backoffDelay(attempt - 1, baseDelayMs, maxDelayMs, random));
      }
      const response = await client.send(new PutEventsCommand({ Entries: [...pending] }));
      calls++;
      rejected = rejectedEntries(pending, response);
      published += pending.length - rejected.length;
      if (rejected.length > 0) {
        opts.logger?.warn("PutEvents rejected entries", {
          attempt,
          max_attempts: maxAttempts,
          rejected: rejected.length,
          error_codes: [...new Set(rejected.map((r) => r.errorCode))],
        });
      }
      pending = rejected.map((r) => r.entry);
    }
    failures.push(...rejected);
  };

  const outcomes = await mapSettled(chunk(entries, MAX_ENTRIES_PER_CALL), opts.concurrency ?? 1, sendBatch);
  const thrown = outcomes.find((o) => !o.ok);
  if (thrown && !thrown.ok) {
    // Every batch was tried; an error of `send` itself is rethrown as is.
    throw thrown.error;
  }

  const result = { published, calls, resent };
  if (failures.length > 0) {
    throw new PublishEventsError(failures, result);
  }
  return result;
}

/**
 * Pairs each sent entry with its result. A result with an `ErrorCode` is a
 * rejection; so is a missing result when the response reports failures.
 */
function rejectedEntries(sent: readonly PutEventsRequestEntry[], response: PutEventsResponse): FailedEntry[] {
  const results = response.Entries ?? [];
  const anyFailed = (response.FailedEntryCount ?? 0) > 0;
  const rejected: FailedEntry[] = [];
  sent.forEach((entry, i) => {
    const result = results[i];
    if (result?.ErrorCode) {
      rejected.push({ entry, errorCode: result.ErrorCode, errorMessage: result.ErrorMessage });
    } else if (!result && anyFailed) {
      rejected.push({ entry, errorCode: "NoResultEntry", errorMessage: "PutEvents returned no result for this entry" });
    }
  });
  return rejected;
}
