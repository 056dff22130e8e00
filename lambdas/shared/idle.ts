/**
 * The one rule for "idle", shared by the health monitor (which then skips the
 * rate checks) and the auto-scaler (which then scales in).
 */

/**
 * True when a service served too few requests in the window for its rates to
 * mean anything: fewer than `minRequests`, and always when it served none.
 * Exactly `minRequests` requests is not idle.
 */
export function isIdle(requestCount: number, minRequests: number): boolean {
  return requestCount < Math.max(1, minRequests);
}
