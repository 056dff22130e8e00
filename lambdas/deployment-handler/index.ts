/**
 * Deployment handler entry: invoked by an EventBridge rule on the default bus
 * for each `aws.ecs` / `ECS Deployment State Change` event, and publishes a
 * `Service Deployment Changed` event on the lifecycle bus.
 *
 * Config, environment and clients are read once, at module load.
 */
import { ECSClient } from "@aws-sdk/client-ecs";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { Context } from "aws-lambda";

import { createClient } from "../shared/clients";
import { ENV, requireEnv } from "../shared/env";
import { createLogger } from "../shared/logger";
import { loadRuntimeConfig } from "../shared/runtime-config";
import { handleDeploymentEvent } from "./deployment";
import type { DeploymentResult } from "./deployment";

const logger = createLogger("deployment-handler");
const config = loadRuntimeConfig(__dirname);
const eventBusName = requireEnv(ENV.eventBusName);
const ecs = createClient(ECSClient);
const eventBridge = createClient(EventBridgeClient);

/**
 * Lambda handler. A malformed event is logged and dropped (retrying cannot
 * fix it); AWS failures are rethrown so the invocation fails and is retried.
 */
export async function handler(event: unknown, context: Context): Promise<DeploymentResult> {
  logger.addContext(context);
  try {
    const result = await handleDeploymentEvent(event, { ecs, eventBridge, config, eventBusName, logger });
    logger.info("Deployment event handled", { outcome: result.outcome });
    return result;
  } catch (error) {
    logger.error("Deployment event handling failed", { error });
    throw error;
  }
}
