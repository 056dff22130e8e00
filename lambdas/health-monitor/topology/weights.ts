/**
 * Which target groups of a service receive traffic, and how much of it.
 *
 * Within one action, a target group's weight is divided by the sum of the
 * action's weights; an action whose weights sum to 0 sends nothing. A target
 * group's effective weight is the sum of those normalized weights over every
 * action of the service: listener default actions and rules count alike,
 * since how traffic splits between rules is not known. A target group with
 * effective weight 0 is not in use.
 */
import type { ServiceTopology } from "./types";

/**
 * Effective weight of every target group the topology names, in the order
 * they first appear; 0 for a group that only appears with weight 0. A weight
 * that is not a finite number >= 0 counts as 0.
 * @example
 * // one listener forwarding 90/10 to tg-a and tg-b, one rule forwarding to tg-a:
 * // Map { "tg-a" => 1.9, "tg-b" => 0.1 }
 */
export function effectiveWeights(topology: ServiceTopology): Map<string, number> {
  const weights = new Map<string, number>();
  for (const action of topology.actions) {
    const usable = action.targetGroups.map((tg) => ({ id: tg.targetGroupId, weight: usableWeight(tg.weight) }));
    const total = usable.reduce((sum, tg) => sum + tg.weight, 0);
    for (const tg of usable) {
      weights.set(tg.id, (weights.get(tg.id) ?? 0) + (total > 0 ? tg.weight / total : 0));
    }
  }
  return weights;
}

/**
 * Ids of the target groups that receive traffic (effective weight > 0), each
 * once, in the order they first appear. The caller reads each one's targets
 * once, even when several services share it.
 */
export function targetGroupsInUse(topology: ServiceTopology): string[] {
  return [...effectiveWeights(topology)].filter(([, weight]) => weight > 0).map(([id]) => id);
}

function usableWeight(weight: number): number {
  return Number.isFinite(weight) && weight > 0 ? weight : 0;
}
