/**
 * Auto-scaler entry: invoked by an EventBridge rule for each `Service Health
 * Check` event, scales the service's compute out or in (or only reports, in
 * dry-run mode) and publishes a `Service Scaling Action` event.
 *
 * Config, environment and clients are read once, at module load.
 */
import { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ECSClient } from "@aws-sdk/client-ecs";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { Context } from "aws-lambda";

import { createClient } from "../shared/clients";
import { ENV, requireEnv } from "../shared/env";
import { createLogger } from "../shared/logger";
import { loadRuntimeConfig } from "../shared/runtime-config";
import { handleHealthEvent } from "./scaler";
import type { ScalerResult } from "./scaler";

const logger = createLogger("auto-scaler");
const config = loadRuntimeConfig(__dirname);
const eventBusName = requireEnv(ENV.eventBusName);
const stateTableName = requireEnv(ENV.stateTableName);
const ecs = createClient(ECSClient);
const autoScaling = createClient(AutoScalingClient);
const dynamo = createClient(DynamoDBClient);
const eventBridge = createClient(EventBridgeClient);

/**
 * Lambda handler. A malformed event is logged and dropped (retrying cannot
 * fix it); AWS failures are rethrown so the invocation fails and is retried.
 */
export async function handler(event: unknown, context: Context): Promise<ScalerResult> {
  logger.addContext(context);
  try {
    const result = await handleHealthEvent(event, {
      ecs,
      autoScaling,
      dynamo,
      eventBridge,
      config,
      eventBusName,
      stateTableName,
      logger,
    });
    logger.info("Health event handled", { result });
    return result;
  } catch (error) {
    logger.error("Health event handling failed", { error });
    throw error;
  }
}
