/**
 * Health monitor entry: invoked on a schedule, checks every service in the
 * service network, publishes the health events, and emits its run metrics.
 *
 * Config, environment, clients and the two caches live at module scope: a
 * warm execution environment reuses the topology until its TTL passes, and
 * the readings of settled target groups (topology/target-cache.ts).
 */
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { VPCLatticeClient } from "@aws-sdk/client-vpc-lattice";
import type { Context } from "aws-lambda";

import { CallCounter, DEFAULT_CALL_TIMEOUT_MS, instrument } from "../shared/aws-calls";
import { createClient } from "../shared/clients";
import { ENV, positiveIntEnv, requireEnv } from "../shared/env";
import { createLogger } from "../shared/logger";
import { loadRuntimeConfig } from "../shared/runtime-config";
import { runHealthCheck } from "./monitor";
import type { HealthCheckSummary } from "./monitor";
import { createMetrics, emitRunMetrics } from "./run-metrics";
import { TopologyCache } from "./topology/cache";
import { readDeadline } from "./time-budget";
import { TargetHealthCache } from "./topology/target-cache";

const logger = createLogger("health-monitor");
const metrics = createMetrics();
const config = loadRuntimeConfig(__dirname);
const eventBusName = requireEnv(ENV.eventBusName);
const serviceNetworkIdentifier = requireEnv(ENV.serviceNetworkArn);
const tableName = requireEnv(ENV.stateTableName);
const callTimeoutMs = positiveIntEnv(ENV.awsCallTimeoutMs, DEFAULT_CALL_TIMEOUT_MS);
const lattice = createClient(VPCLatticeClient);
const cloudWatch = createClient(CloudWatchClient);
const eventBridge = createClient(EventBridgeClient);
const dynamo = createClient(DynamoDBClient);
const topologyCache = new TopologyCache(
  config.healthMonitor.topologyCacheSeconds * 1000,
  config.healthMonitor.rateSeconds * 1000
);
const targetCache = new TargetHealthCache(
  config.healthMonitor.targetRefreshChecks,
  config.healthMonitor.rateSeconds * 1000
);

/** Lambda handler; the scheduled event's content is not used. */
export async function handler(_event: unknown, context: Context): Promise<HealthCheckSummary> {
  logger.addContext(context);
  const counter = new CallCounter();
  try {
    const summary = await runHealthCheck({
      lattice: instrument(lattice, counter, callTimeoutMs),
      cloudWatch: instrument(cloudWatch, counter, callTimeoutMs),
      eventBridge: instrument(eventBridge, counter, callTimeoutMs),
      dynamo: instrument(dynamo, counter, callTimeoutMs),
      config,
      eventBusName,
      tableName,
      serviceNetworkIdentifier,
      topologyCache,
      targetCache,
      counter,
      readDeadline: readDeadline(context.getRemainingTimeInMillis(), callTimeoutMs),
      logger,
    });
    logger.info("Health check finished", { summary });
    emitRunMetrics(metrics, summary);
    return summary;
  } catch (error) {
    logger.error("Health check failed", { error, api_calls: counter.snapshot() });
    throw error;
  }
}
