/**
 * How a run splits the function's time: reads of topology and targets may
 * use what is left, less a reserve for publishing the events and writing the
 * rows. The reserve is at least one call timeout (so a last call can still
 * finish) and at least 30% of the remaining time.
 */

/** Share of the remaining time kept for publishing and writing. */
export const RESERVE_SHARE = 0.3;

/**
 * The epoch milliseconds after which no new topology or target read starts.
 * @param remainingMs the Lambda's `getRemainingTimeInMillis()` at the start of the run.
 * @param callTimeoutMs the limit of one AWS call, retries included.
 */
export function readDeadline(remainingMs: number, callTimeoutMs: number, now: number = Date.now()): number {
  return now + remainingMs - Math.max(callTimeoutMs, RESERVE_SHARE * remainingMs);
}
