/**
 * Turns a Lattice `RuleAction` (a listener's default action, or the action of
 * one of its rules) into a `RouteAction`.
 *
 * The API's action is a union of `forward` and `fixedResponse`. A response may
 * also carry a member this SDK does not know (`$unknown`), or no action at
 * all; such an action is left out. Within a forward action, an entry without a
 * target group identifier, or with a weight that is not a number >= 0, is left
 * out too. Nothing is dropped silently: each omission comes back as a line in
 * `ignored`, for the caller to log.
 *
 * A missing weight is 1, the API default (FACTS §1). Target group ARNs become
 * ids (see target-group-id.ts).
 */
import type { RuleAction } from "@aws-sdk/client-vpc-lattice";

import { normalizeTargetGroupId } from "./target-group-id";
import type { RouteAction, WeightedTargetGroup } from "./types";

/** Weight of a forward entry that has none (the API default). */
export const DEFAULT_TARGET_GROUP_WEIGHT = 1;

/** Where an action was read. */
export interface ActionSource {
  readonly listenerId: string;
  /** `undefined` for the listener's default action. */
  readonly ruleId?: string;
}

/** The action, when it could be used, and what was left out of it. */
export interface ActionReading {
  readonly action?: RouteAction;
  readonly ignored: string[];
}

/**
 * Reads one action.
 * @param action `defaultAction` of GetListener or `action` of GetRule.
 * @param source the listener (and rule) it belongs to; it names the action in `ignored` lines.
 */
export function toRouteAction(action: RuleAction | undefined, source: ActionSource): ActionReading {
  const where = describeSource(source);
  const base =
    source.ruleId === undefined
      ? { listenerId: source.listenerId }
      : { listenerId: source.listenerId, ruleId: source.ruleId };
  if (action?.forward) {
    const ignored: string[] = [];
    const entries = action.forward.targetGroups ?? [];
    const targetGroups: WeightedTargetGroup[] = [];
    entries.forEach((entry, index) => {
      const weight = entry?.weight ?? DEFAULT_TARGET_GROUP_WEIGHT;
      if (!entry?.targetGroupIdentifier) {
        ignored.push(`${where}: forward entry ${index} has no targetGroupIdentifier; left out`);
      } else if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0) {
        ignored.push(
          `${where}: forward entry ${entry.targetGroupIdentifier} has weight ${String(weight)}, ` +
            "not a number >= 0; left out"
        );
      } else {
        targetGroups.push({ targetGroupId: normalizeTargetGroupId(entry.targetGroupIdentifier), weight });
      }
    });
    if (entries.length === 0) {
      ignored.push(`${where}: forward action lists no target groups; it sends traffic nowhere`);
    }
    return { action: { ...base, targetGroups }, ignored };
  }
  if (action?.fixedResponse) {
    const status = action.fixedResponse.statusCode;
    return {
      action: { ...base, targetGroups: [], ...(status === undefined ? {} : { fixedResponseStatus: status }) },
      ignored: [],
    };
  }
  const kind = action?.$unknown ? `an unknown action type "${action.$unknown[0]}"` : "no action";
  return { ignored: [`${where}: has ${kind}; left out`] };
}

function describeSource(source: ActionSource): string {
  return source.ruleId === undefined
    ? `default action of listener ${source.listenerId}`
    : `rule ${source.ruleId} of listener ${source.listenerId}`;
}
