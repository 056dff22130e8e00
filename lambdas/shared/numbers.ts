/**
 * The two ways the health monitor rounds numbers: for comparing a computed
 * ratio with a threshold, and for showing a value in a reason line.
 */

/**
 * Ratios computed as weighted means carry floating-point noise
 * (7/140 weighted by minutes gives 0.05000000000000001). Rounding them to 12
 * significant digits before they are compared with a threshold keeps a value
 * that is exactly on the threshold on it, and changes nothing a threshold
 * could tell apart.
 */
export function roundRatio(value: number): number {
  return Number(value.toPrecision(12));
}

/** Six significant digits: enough to tell a value from its threshold, short enough to read. */
export function display(value: number): string {
  return String(Number(value.toPrecision(6)));
}
