/**
 * The scaling policy, as pure functions: which way to move, and to what
 * capacity.
 *
 * - `unhealthy` → scale out by `step`.
 * - `healthy` and idle (fewer than `minRequests` requests, or none) → scale in by
 *   `step`, only when this check itself observed `healthy` too (`observedStatus`).
 * - `degraded`, `unknown` and anything else → hold. Degraded latency is not
 *   assumed to be fixed by more capacity, and missing data never moves capacity.
 */
import type { HealthCheckDetail, ScalingDecision } from "../shared/events";
import { isIdle } from "../shared/idle";
import type { RuntimeService, ScalableService } from "../shared/runtime-config";

export interface Direction {
  readonly decision: ScalingDecision;
  readonly reason: string;
}

/** Picks the direction for one health event of a configured service. */
export function decideDirection(detail: HealthCheckDetail, service: RuntimeService): Direction {
  const why = detail.reasons.length > 0 ? `: ${detail.reasons.join("; ")}` : "";
  if (detail.status === "unhealthy") {
    return { decision: "scale-out", reason: `status unhealthy${why}` };
  }
  if (detail.status === "healthy" && detail.observedStatus !== "healthy") {
    // Reported healthy, but this check saw trouble that has not yet lasted
    // `consecutiveChecks` checks: never remove capacity on such a check.
    return { decision: "hold", reason: `status healthy, but this check observed ${detail.observedStatus}${why}` };
  }
  if (
    detail.status === "healthy" &&
    detail.requestCount !== null &&
    isIdle(detail.requestCount, service.health.minRequests)
  ) {
    return {
      decision: "scale-in",
      reason: `idle: requestCount ${detail.requestCount} < minRequests ${Math.max(1, service.health.minRequests)}`,
    };
  }
  return { decision: "hold", reason: `status ${detail.status}${why}` };
}

/** Hard limits of the compute resource itself (an Auto Scaling group's MinSize/MaxSize). */
export interface CapacityLimits {
  readonly min?: number;
  readonly max?: number;
}

/** The capacity to set, or a hold with the reason. */
export type CapacityPlan =
  | { readonly change: true; readonly desired: number; readonly bounds: string }
  | { readonly change: false; readonly reason: string };

/**
 * Moves `current` one `step` in the decided direction, clamped to the
 * configured [min, max] (narrowed by the resource's own limits).
 * A scale-out never lowers capacity and a scale-in never raises it, even when
 * `current` is already outside the bounds; no change means hold.
 */
export function planCapacity(
  current: number,
  decision: Exclude<ScalingDecision, "hold">,
  service: ScalableService,
  limits: CapacityLimits = {}
): CapacityPlan {
  const min = Math.max(service.scaling.min, limits.min ?? -Infinity);
  const max = Math.min(service.scaling.max, limits.max ?? Infinity);
  const bounds = `[${min}, ${max}]`;
  if (min > max) {
    return { change: false, reason: `no valid capacity: configured and resource bounds do not overlap ${bounds}` };
  }
  const step = decision === "scale-out" ? service.scaling.step : -service.scaling.step;
  const desired = Math.min(max, Math.max(min, current + step));
  const moves = decision === "scale-out" ? desired > current : desired < current;
  if (!moves) {
    const edge = decision === "scale-out" ? `or above max ${max}` : `or below min ${min}`;
    return { change: false, reason: `capacity ${current} already at ${edge}` };
  }
  return { change: true, desired, bounds };
}
