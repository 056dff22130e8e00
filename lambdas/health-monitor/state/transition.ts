/**
 * The consecutive-check rule, as a pure function over a service's stored
 * state: the reported status changes only after `consecutiveChecks` checks
 * in a row observed something else, and then it becomes what the last of
 * them observed. A check that agrees with the reported status resets the count.
 *
 * Examples with `consecutiveChecks` = 3 and `healthy` reported:
 * `unhealthy, unhealthy, unhealthy` → `unhealthy` on the third check;
 * `degraded, unhealthy, unhealthy` → `unhealthy` on the third check (three
 * checks disagreed); `unhealthy, healthy, unhealthy` → still `healthy`.
 *
 * The first check of a service (no stored state) is reported at once. A
 * check that is not newer than the stored one (an overlapping or retried
 * run) changes nothing: it is `superseded`.
 */
import type { HealthStatus } from "../../shared/events";

/** What the table keeps per service (pk `health#<serviceId>`). */
export interface HealthState {
  readonly serviceId: string;
  readonly serviceName: string;
  /** The reported status. */
  readonly status: HealthStatus;
  /** ISO time the reported status was first reported. */
  readonly since: string;
  /** What the latest disagreeing check observed; `null` when the last check agreed. */
  readonly pendingStatus: HealthStatus | null;
  /** Consecutive checks so far that disagreed with `status`. */
  readonly pendingChecks: number;
  /** ISO time of the check that wrote this state. */
  readonly lastCheckAt: string;
  /** Epoch seconds after which DynamoDB's TTL may delete the row. */
  readonly expiresAt: number;
}

/** The outcome of one check for one service. */
export interface Transition {
  readonly next: HealthState;
  /** The reported status changed (or the service was seen for the first time). */
  readonly changed: boolean;
  readonly previous: HealthState | undefined;
  /** Consecutive checks that agreed on the change; 0 without a change. */
  readonly confirmedByChecks: number;
  /** `next` differs from what is stored, or the row is due for a TTL refresh. */
  readonly write: boolean;
  /** A newer (or the same) check already wrote the state; `next` is the stored state. */
  readonly superseded: boolean;
}

export interface TransitionInput {
  readonly previous: HealthState | undefined;
  readonly serviceId: string;
  readonly serviceName: string;
  readonly observed: HealthStatus;
  readonly consecutiveChecks: number;
  readonly now: Date;
  /** Lifetime of a row after its last write. */
  readonly ttlSeconds: number;
}

/** Applies one check to the stored state. */
export function advance(input: TransitionInput): Transition {
  const { previous, observed, now } = input;
  const checkAt = now.toISOString();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const expiresAt = nowSeconds + input.ttlSeconds;
  const base = { serviceId: input.serviceId, serviceName: input.serviceName, lastCheckAt: checkAt, expiresAt };

  if (previous === undefined) {
    const next = { ...base, status: observed, since: checkAt, pendingStatus: null, pendingChecks: 0 };
    return { next, changed: true, previous, confirmedByChecks: 1, write: true, superseded: false };
  }
  if (!(Date.parse(previous.lastCheckAt) < now.getTime())) {
    return { next: previous, changed: false, previous, confirmedByChecks: 0, write: false, superseded: true };
  }
  if (observed === previous.status) {
    const next = { ...base, status: previous.status, since: previous.since, pendingStatus: null, pendingChecks: 0 };
    const refreshDue = previous.expiresAt - nowSeconds < input.ttlSeconds / 2;
    return { next, changed: false, previous, confirmedByChecks: 0, write: previous.pendingChecks > 0 || refreshDue, superseded: false };
  }
  const disagreeing = previous.pendingChecks + 1;
  if (disagreeing >= Math.max(1, input.consecutiveChecks)) {
    const next = { ...base, status: observed, since: checkAt, pendingStatus: null, pendingChecks: 0 };
    return { next, changed: true, previous, confirmedByChecks: disagreeing, write: true, superseded: false };
  }
  const next = { ...base, status: previous.status, since: previous.since, pendingStatus: observed, pendingChecks: disagreeing };
  return { next, changed: false, previous, confirmedByChecks: 0, write: true, superseded: false };
}
