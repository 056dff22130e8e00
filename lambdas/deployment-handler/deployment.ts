/**
 * Handles one ECS deployment state change: map the ECS service to the
 * configured service, find the deployed task definition, and publish one
 * `Service Deployment Changed` event.
 *
 * An ECS service that is not in the config still gets its event, with
 * `serviceName: null` and no task definition: the handler's IAM policy lets
 * it describe only the configured services, so it does not try.
 */
import type { ECSClient } from "@aws-sdk/client-ecs";
import type { EventBridgeClient } from "@aws-sdk/client-eventbridge";

import { deploymentChangedEntry } from "../shared/entries";
import { DETAIL_SCHEMA_VERSION } from "../shared/events";
import type { DeploymentChangedDetail } from "../shared/events";
import type { Log } from "../shared/logger";
import { publishEvents } from "../shared/publish";
import type { PublishOptions } from "../shared/publish";
import type { RuntimeConfig, RuntimeService } from "../shared/runtime-config";
import { parseDeploymentEvent } from "./deployment-event";
import { clusterArnOf, versionOf } from "./ecs-arn";
import type { EcsServiceRef } from "./ecs-arn";
import { describeDeployment } from "./task-definition";
import type { DeploymentInfo } from "./task-definition";
import { eventIdentity } from "../shared/event-identity";

export interface DeploymentDeps {
  readonly ecs: ECSClient;
  readonly eventBridge: EventBridgeClient;
  readonly config: RuntimeConfig;
  readonly eventBusName: string;
  readonly logger: Log;
  /** @default () => new Date() */
  readonly now?: () => Date;
  readonly publishOptions?: Omit<PublishOptions, "logger">;
}

/** What the handler did: the published detail, or why the event was rejected. */
export type DeploymentResult =
  | { readonly outcome: "published"; readonly detail: DeploymentChangedDetail }
  | { readonly outcome: "rejected"; readonly problems: string[] };

/**
 * Handles one `ECS Deployment State Change` event.
 * @throws when ECS cannot be called or the event cannot be published.
 */
export async function handleDeploymentEvent(event: unknown, deps: DeploymentDeps): Promise<DeploymentResult> {
  const { logger } = deps;
  const parsed = parseDeploymentEvent(event);
  if (!parsed.ok) {
    logger.error("Rejected malformed ECS Deployment State Change event; nothing published", {
      problems: parsed.problems,
      event: eventIdentity(event),
    });
    return { outcome: "rejected", problems: parsed.problems };
  }
  const { service: ref, deploymentId, eventName, reason, time } = parsed.event;
  const configured = findEcsService(deps.config, ref);

  let info: DeploymentInfo = {
    taskDefinitionArn: null,
    clusterArn: null,
    note: "service is not in the lifecycle config",
  };
  if (configured?.compute?.type === "ecs") {
    info = await describeDeployment(deps.ecs, configured.compute.clusterName, ref.arn, deploymentId);
  }
  if (info.note) {
    logger.warn("Deployment task definition unknown", {
      ecs_service_arn: ref.arn,
      deployment_id: deploymentId,
      note: info.note,
    });
  }

  const detail: DeploymentChangedDetail = {
    schemaVersion: DETAIL_SCHEMA_VERSION,
    serviceName: configured?.latticeServiceName ?? null,
    ecsServiceArn: ref.arn,
    clusterArn: info.clusterArn ?? clusterArnOf(ref),
    deploymentId,
    state: eventName,
    reason,
    taskDefinitionArn: info.taskDefinitionArn,
    version: versionOf(info.taskDefinitionArn),
    timestamp: time ?? (deps.now ?? (() => new Date()))().toISOString(),
  };
  logger.info("Deployment changed", { detail });
  await publishEvents(deps.eventBridge, [deploymentChangedEntry(deps.eventBusName, detail)], {
    ...deps.publishOptions,
    logger,
  });
  return { outcome: "published", detail };
}

/**
 * The configured ECS service behind a service ARN: same service name and
 * same cluster (by name or ARN). An old-format ARN without a cluster matches
 * on the service name alone, and only when exactly one service has that name.
 */
export function findEcsService(config: RuntimeConfig, ref: EcsServiceRef): RuntimeService | undefined {
  const candidates = config.services.filter(
    (s) => s.compute?.type === "ecs" && s.compute.serviceName === ref.serviceName
  );
  if (ref.clusterName === null) {
    return candidates.length === 1 ? candidates[0] : undefined;
  }
  const clusterArn = clusterArnOf(ref);
  return candidates.find(
    (s) =>
      s.compute?.type === "ecs" && (s.compute.clusterName === ref.clusterName || s.compute.clusterName === clusterArn)
  );
}
