/**
 * Checks that an incoming event is an `aws.ecs` / `ECS Deployment State
 * Change` event for an ECS service before anything acts on it.
 */
import { ECS_DEPLOYMENT_EVENT } from "../shared/events";
import { parseEcsServiceArn } from "./ecs-arn";
import type { EcsServiceRef } from "./ecs-arn";

/** The fields of a deployment event the handler uses. */
export interface DeploymentEvent {
  readonly service: EcsServiceRef;
  readonly deploymentId: string;
  /** `SERVICE_DEPLOYMENT_IN_PROGRESS`, `_COMPLETED` or `_FAILED`. */
  readonly eventName: string;
  readonly reason: string | null;
  /** The event's `time`, when present. */
  readonly time: string | null;
}

export type ParsedDeploymentEvent =
  | { readonly ok: true; readonly event: DeploymentEvent }
  | { readonly ok: false; readonly problems: string[] };

/** Validates the envelope, the service ARN in `resources[0]` and the detail. */
export function parseDeploymentEvent(event: unknown): ParsedDeploymentEvent {
  if (!isObject(event)) {
    return { ok: false, problems: ["event is not an object"] };
  }
  const problems: string[] = [];
  if (event.source !== ECS_DEPLOYMENT_EVENT.source) {
    problems.push(`source must be "${ECS_DEPLOYMENT_EVENT.source}", got ${JSON.stringify(event.source)}`);
  }
  if (event["detail-type"] !== ECS_DEPLOYMENT_EVENT.detailType) {
    problems.push(
      `detail-type must be "${ECS_DEPLOYMENT_EVENT.detailType}", got ${JSON.stringify(event["detail-type"])}`
    );
  }
  const resource = Array.isArray(event.resources) ? event.resources[0] : undefined;
  const service = typeof resource === "string" ? parseEcsServiceArn(resource) : undefined;
  if (!service) {
    problems.push(`resources[0] must be an ECS service ARN, got ${JSON.stringify(resource)}`);
  }
  const detail = isObject(event.detail) ? event.detail : undefined;
  if (!detail) {
    problems.push("detail is not an object");
  } else {
    for (const key of ["deploymentId", "eventName"] as const) {
      if (typeof detail[key] !== "string" || detail[key] === "") {
        problems.push(`detail.${key} must be a non-empty string, got ${JSON.stringify(detail[key])}`);
      }
    }
    if (detail.reason !== undefined && detail.reason !== null && typeof detail.reason !== "string") {
      problems.push("detail.reason must be a string when present");
    }
  }
  if (problems.length > 0 || !service || !detail) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    event: {
      service,
      deploymentId: detail.deploymentId as string,
      eventName: detail.eventName as string,
      reason: typeof detail.reason === "string" ? detail.reason : null,
      time: typeof event.time === "string" && event.time !== "" ? event.time : null,
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
