/**
 * What the health monitor knows about the routing of one Lattice service:
 * which target groups its listeners and rules send traffic to, and with what
 * weights. Target health is not part of it: it is read on every check.
 */

/** A target group that an action forwards to, with its weight (0-999, relative within the action). */
export interface WeightedTargetGroup {
  /** Target group id (`tg-...`). */
  readonly targetGroupId: string;
  readonly weight: number;
}

/** The action of a listener's default rule or of one of its other rules. */
export interface RouteAction {
  readonly listenerId: string;
  /** `undefined` for the listener's default action. */
  readonly ruleId?: string;
  /** Target groups of a `forward` action; empty for a `fixedResponse` action. */
  readonly targetGroups: readonly WeightedTargetGroup[];
  /** Status code of a `fixedResponse` action. */
  readonly fixedResponseStatus?: number;
}

/** The routing of one service, as discovered at `discoveredAt`. */
export interface ServiceTopology {
  readonly serviceId: string;
  readonly listenerCount: number;
  readonly actions: readonly RouteAction[];
  /** Epoch milliseconds of the discovery. */
  readonly discoveredAt: number;
}

/** `ListTargets` statuses (FACTS §1). Any other value is counted as `OTHER`. */
export const TARGET_STATUSES = ["HEALTHY", "UNHEALTHY", "UNAVAILABLE", "DRAINING", "INITIAL", "UNUSED"] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/** Targets of one target group by status. */
export type TargetCounts = Readonly<Record<TargetStatus | "OTHER", number>>;
