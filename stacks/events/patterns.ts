/**
 * Event patterns of the lifecycle rules, built from the shared event
 * contract so that producers and rules cannot drift apart.
 */
import { DETAIL_TYPES, ECS_DEPLOYMENT_EVENT, EVENT_SOURCES, HEALTH_STATUSES } from "../../lambdas/shared/events";

/** An EventBridge event pattern. */
export type EventPattern = Record<string, unknown>;

/** Health checks the auto-scaler can act on (it holds on `degraded` and `unknown`, so those are not sent). */
export function healthToAutoScalerPattern(): EventPattern {
  return {
    source: [EVENT_SOURCES.healthMonitor],
    "detail-type": [DETAIL_TYPES.healthCheck],
    detail: { status: ["unhealthy", "healthy"] },
  };
}

/** Every scaling decision that was applied, dry-run or skipped. */
export function scalingToNotificationsPattern(): EventPattern {
  return {
    source: [EVENT_SOURCES.autoScaler],
    "detail-type": [DETAIL_TYPES.scalingAction],
  };
}

/**
 * Changes of a service's reported health status. The first verdict of a
 * service (`previousStatus: null`) is left out, so a first deploy does not
 * send one notification per service.
 */
export function healthChangedToNotificationsPattern(): EventPattern {
  return {
    source: [EVENT_SOURCES.healthMonitor],
    "detail-type": [DETAIL_TYPES.healthChanged],
    detail: { previousStatus: [...HEALTH_STATUSES] },
  };
}

/** Every deployment change the deployment handler reports. */
export function deploymentToNotificationsPattern(): EventPattern {
  return {
    source: [EVENT_SOURCES.deploymentHandler],
    "detail-type": [DETAIL_TYPES.deploymentChanged],
  };
}

/** ECS deployment state changes of the given ECS services (default bus). */
export function ecsDeploymentPattern(ecsServiceArns: readonly string[]): EventPattern {
  return {
    source: [ECS_DEPLOYMENT_EVENT.source],
    "detail-type": [ECS_DEPLOYMENT_EVENT.detailType],
    resources: [...ecsServiceArns],
  };
}

/** EventBridge's default quota on the size of an event pattern. */
export const MAX_PATTERN_CHARS = 2048;

/**
 * Patterns for the ECS deployment rules, as few as possible, each within
 * MAX_PATTERN_CHARS: a large fleet gets several rules instead of one pattern
 * that EventBridge would reject.
 */
export function ecsDeploymentPatterns(ecsServiceArns: readonly string[]): EventPattern[] {
  const patterns: EventPattern[] = [];
  let current: string[] = [];
  for (const arn of ecsServiceArns) {
    const candidate = [...current, arn];
    if (current.length > 0 && JSON.stringify(ecsDeploymentPattern(candidate)).length > MAX_PATTERN_CHARS) {
      patterns.push(ecsDeploymentPattern(current));
      current = [arn];
    } else {
      current = candidate;
    }
  }
  if (current.length > 0) patterns.push(ecsDeploymentPattern(current));
  return patterns;
}
