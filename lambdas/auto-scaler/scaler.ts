/**
 * Handles one `Service Health Check` event: validate it, decide, then
 * (depending on the automation mode and the cooldown) change the capacity,
 * and publish a `Service Scaling Action` event for every decision that is
 * not a hold.
 *
 * Order: validate → find the configured service → direction → read capacity →
 * clamp → [dry-run: publish and stop] → take the cooldown → apply → publish.
 * Capacity is read before the cooldown is taken, so a no-op never starts a
 * cooldown; a failed apply gives the cooldown back and rethrows.
 */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { EventBridgeClient } from "@aws-sdk/client-eventbridge";

import { scalingActionEntry } from "../shared/entries";
import { arnAccount } from "../shared/arn";
import { eventIdentity } from "../shared/event-identity";
import { describeError } from "../shared/errors";
import { DETAIL_SCHEMA_VERSION } from "../shared/events";
import type { HealthCheckDetail, ScalingActionDetail, ScalingDecision } from "../shared/events";
import type { Log } from "../shared/logger";
import { publishEvents } from "../shared/publish";
import type { PublishOptions } from "../shared/publish";
import { findService, isScalable } from "../shared/runtime-config";
import type { RuntimeConfig, ScalableService } from "../shared/runtime-config";
import { readCapacity } from "./capacity";
import type { Capacity, ComputeClients } from "./capacity";
import { acquireCooldown, releaseCooldown } from "./cooldown";
import type { CooldownResult } from "./cooldown";
import { decideDirection, planCapacity } from "./decision";
import { parseHealthEvent } from "./health-event";

export interface ScalerDeps extends ComputeClients {
  readonly dynamo: DynamoDBClient;
  readonly eventBridge: EventBridgeClient;
  readonly config: RuntimeConfig;
  readonly eventBusName: string;
  readonly stateTableName: string;
  readonly logger: Log;
  /** @default () => new Date() */
  readonly now?: () => Date;
  readonly publishOptions?: Omit<PublishOptions, "logger">;
}

/**
 * A health check older than this many metric windows is not acted on: a later
 * check has superseded it (EventBridge and Lambda retries can deliver late).
 */
export const MAX_EVENT_AGE_WINDOWS = 2;

/** How far in the future a check's timestamp may be before it is distrusted. */
export const MAX_CLOCK_SKEW_SECONDS = 60;

/** `rejected`: malformed event; `none`: hold, nothing published. */
export type ScalerOutcome = ScalingActionDetail["outcome"] | "rejected" | "none";

/** What the handler did with one event. */
export interface ScalerResult {
  readonly decision: ScalingDecision;
  readonly outcome: ScalerOutcome;
  readonly reason: string;
  readonly serviceName?: string;
  readonly previousCapacity?: number;
  readonly desiredCapacity?: number;
}

/**
 * Handles one health event.
 * @throws when capacity cannot be read or changed, the cooldown table fails, or the event cannot be published.
 */
export async function handleHealthEvent(event: unknown, deps: ScalerDeps): Promise<ScalerResult> {
  const { config, logger } = deps;
  const parsed = parseHealthEvent(event);
  if (!parsed.ok) {
    logger.error("Rejected malformed Service Health Check event; no action taken", {
      event: eventIdentity(event),
      problems: parsed.problems,
    });
    return { decision: "hold", outcome: "rejected", reason: parsed.problems.join("; ") };
  }
  const { detail, envelope } = parsed;
  const service = findService(config, detail.serviceName);
  if (!service) {
    return hold(logger, detail.serviceName, `service ${detail.serviceName} is not in the lifecycle config`);
  }
  const owner = arnAccount(envelope.resources[0]);
  if (owner !== config.accountId) {
    return hold(logger, detail.serviceName, `the checked service ${envelope.resources[0] ?? "(no ARN)"} is not owned by account ${config.accountId}`);
  }
  if (!isScalable(service)) {
    return hold(logger, detail.serviceName, `service ${service.name} has no compute to scale`);
  }
  const now = (deps.now ?? (() => new Date()))();
  const checkAt = Date.parse(detail.timestamp);
  const ageSeconds = Math.round((now.getTime() - checkAt) / 1000);
  const maxAgeSeconds = MAX_EVENT_AGE_WINDOWS * config.healthWindowMinutes * 60;
  if (ageSeconds > maxAgeSeconds) {
    return hold(logger, detail.serviceName, `stale: the check is ${ageSeconds} s old, more than ${MAX_EVENT_AGE_WINDOWS} windows (${maxAgeSeconds} s)`);
  }
  if (ageSeconds < -MAX_CLOCK_SKEW_SECONDS) {
    return hold(logger, detail.serviceName, `the check is dated ${-ageSeconds} s in the future`);
  }

  const direction = decideDirection(detail, service);
  if (direction.decision === "hold") {
    return hold(logger, detail.serviceName, direction.reason);
  }
  const capacity = await readCapacity(service.compute, deps);
  const plan = planCapacity(capacity.current, direction.decision, service, capacity.limits);
  if (!plan.change) {
    return hold(logger, detail.serviceName, `${direction.reason}; ${plan.reason}`, capacity.current);
  }

  const action = { decision: direction.decision, detail, service, capacity, desired: plan.desired };
  const reason = `${direction.reason}; capacity ${capacity.current} -> ${plan.desired} within ${plan.bounds}`;
  if (config.automationMode === "dry-run") {
    return publishAction(deps, action, "dry-run", `dry-run: ${reason}`);
  }

  const cooldown = await acquireCooldown(deps.dynamo, deps.stateTableName, {
    serviceName: service.name,
    decision: direction.decision,
    cooldownSeconds: service.scaling.cooldownSeconds,
    now,
    eventId: envelope.id,
    checkAt,
    previousCapacity: capacity.current,
    desiredCapacity: plan.desired,
  });
  if (!cooldown.acquired) {
    return refused(deps, action, cooldown, reason);
  }

  try {
    await capacity.apply(plan.desired);
  } catch (error) {
    if (!provablyNotApplied(error)) {
      // A timeout or server error may come after the change was made: keep the
      // cooldown, so the retry of this event finds it and does not act twice.
      logger.error("Capacity change failed and may have been applied; keeping the cooldown", { error, service_name: service.name });
      throw error;
    }
    logger.error("Capacity change was refused; releasing the cooldown", { error, service_name: service.name });
    await releaseCooldown(deps.dynamo, deps.stateTableName, cooldown.lock).catch((releaseError: unknown) =>
      logger.error("Cooldown release failed; the cooldown stays until it expires", {
        error: describeError(releaseError),
        service_name: service.name,
      })
    );
    throw error;
  }
  return publishAction(deps, action, "applied", reason);
}

/** True for errors AWS returns when it rejected the call outright (4xx: validation, throttling, access). */
function provablyNotApplied(error: unknown): boolean {
  return (error as { $fault?: string } | null)?.$fault === "client";
}

/** Reports a decision the cooldown item refused, saying why. */
async function refused(
  deps: ScalerDeps,
  action: PlannedAction,
  cooldown: Extract<CooldownResult, { acquired: false }>,
  reason: string
): Promise<ScalerResult> {
  const { previousCapacity, desiredCapacity } = cooldown;
  if (cooldown.refusal === "same-event") {
    if (desiredCapacity !== undefined && action.capacity.current === desiredCapacity) {
      // An earlier delivery of this event made the change but did not report it.
      return publishAction(
        deps,
        { ...action, previous: previousCapacity ?? null, desired: desiredCapacity },
        "applied",
        `applied by an earlier delivery of this event: capacity ${previousCapacity ?? "?"} -> ${desiredCapacity}`
      );
    }
    return publishAction(
      deps,
      action,
      "skipped",
      `an earlier delivery of this event already acted (it set ${previousCapacity ?? "?"} -> ${desiredCapacity ?? "?"}, capacity is now ${action.capacity.current}); not acting twice`
    );
  }
  if (cooldown.refusal === "superseded") {
    return publishAction(deps, action, "skipped", `superseded: a check at least as new was already acted on; would have been: ${reason}`);
  }
  const last =
    cooldown.lastActionAt !== undefined
      ? `last ${cooldown.lastDecision ?? "action"} at ${new Date(cooldown.lastActionAt * 1000).toISOString()}`
      : "another action is recent";
  return publishAction(
    deps,
    action,
    "skipped",
    `cooldown ${action.service.scaling.cooldownSeconds} s: ${last}; would have been: ${reason}`
  );
}

interface PlannedAction {
  readonly decision: Exclude<ScalingDecision, "hold">;
  readonly detail: HealthCheckDetail;
  readonly service: ScalableService;
  readonly capacity: Capacity;
  readonly desired: number;
  /** The capacity before the change, when it is not the current one (a change an earlier delivery made). */
  readonly previous?: number | null;
}

async function publishAction(
  deps: ScalerDeps,
  action: PlannedAction,
  outcome: ScalingActionDetail["outcome"],
  reason: string
): Promise<ScalerResult> {
  const now = (deps.now ?? (() => new Date()))();
  const detail: ScalingActionDetail = {
    schemaVersion: DETAIL_SCHEMA_VERSION,
    serviceName: action.detail.serviceName,
    serviceId: action.detail.serviceId,
    decision: action.decision,
    outcome,
    reason,
    computeType: action.capacity.computeType,
    computeId: action.capacity.computeId,
    previousCapacity: action.previous !== undefined ? action.previous : action.capacity.current,
    desiredCapacity: action.desired,
    timestamp: now.toISOString(),
  };
  deps.logger.info("Scaling decision", { decision: detail.decision, outcome, detail });
  const entry = scalingActionEntry(deps.eventBusName, detail, action.capacity.resourceArn);
  await publishEvents(deps.eventBridge, [entry], { ...deps.publishOptions, logger: deps.logger });
  return {
    decision: action.decision,
    outcome,
    reason,
    serviceName: action.detail.serviceName,
    previousCapacity: action.previous ?? action.capacity.current,
    desiredCapacity: action.desired,
  };
}

function hold(logger: Log, serviceName: string, reason: string, current?: number): ScalerResult {
  logger.info("Scaling decision", { decision: "hold", service_name: serviceName, reason, current_capacity: current });
  return { decision: "hold", outcome: "none", reason, serviceName, previousCapacity: current };
}
