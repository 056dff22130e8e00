/**
 * Builders for the PutEvents entries of the lifecycle events, so every
 * producer sets `Source`, `DetailType` and the JSON `Detail` the same way.
 */
import type { PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";

import { DETAIL_TYPES, EVENT_SOURCES } from "./events";
import type { DeploymentChangedDetail, HealthChangedDetail, HealthCheckDetail, ScalingActionDetail } from "./events";

/**
 * Builds one PutEvents entry.
 * @param resources ARNs the event is about; blank values are dropped.
 */
export function lifecycleEntry(
  eventBusName: string,
  source: string,
  detailType: string,
  detail: object,
  resources: readonly (string | null | undefined)[] = []
): PutEventsRequestEntry {
  return {
    EventBusName: eventBusName,
    Source: source,
    DetailType: detailType,
    Detail: JSON.stringify(detail),
    Resources: resources.filter((r): r is string => typeof r === "string" && r.length > 0),
  };
}

/**
 * Entry for a `Service Health Check` event.
 * @param serviceArn ARN of the Lattice service the check is about.
 */
export function healthCheckEntry(
  eventBusName: string,
  detail: HealthCheckDetail,
  serviceArn?: string | null
): PutEventsRequestEntry {
  return lifecycleEntry(eventBusName, EVENT_SOURCES.healthMonitor, DETAIL_TYPES.healthCheck, detail, [serviceArn]);
}

/**
 * Entry for a `Service Health Changed` event.
 * @param serviceArn ARN of the Lattice service whose status changed.
 */
export function healthChangedEntry(
  eventBusName: string,
  detail: HealthChangedDetail,
  serviceArn?: string | null
): PutEventsRequestEntry {
  return lifecycleEntry(eventBusName, EVENT_SOURCES.healthMonitor, DETAIL_TYPES.healthChanged, detail, [serviceArn]);
}

/**
 * Entry for a `Service Scaling Action` event.
 * @param computeArn ARN of the ECS service or Auto Scaling group, when known.
 */
export function scalingActionEntry(
  eventBusName: string,
  detail: ScalingActionDetail,
  computeArn?: string
): PutEventsRequestEntry {
  return lifecycleEntry(eventBusName, EVENT_SOURCES.autoScaler, DETAIL_TYPES.scalingAction, detail, [computeArn]);
}

/** Entry for a `Service Deployment Changed` event; its resource is the ECS service ARN. */
export function deploymentChangedEntry(eventBusName: string, detail: DeploymentChangedDetail): PutEventsRequestEntry {
  return lifecycleEntry(eventBusName, EVENT_SOURCES.deploymentHandler, DETAIL_TYPES.deploymentChanged, detail, [
    detail.ecsServiceArn,
  ]);
}
