/**
 * Health monitor entry: invoked on a schedule, checks every service in the
 * service network and publishes one `Service Health Check` event per service.
 *
 * Config, environment and clients are read once, at module load.
 */
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { VPCLatticeClient } from "@aws-sdk/client-vpc-lattice";
import type { Context } from "aws-lambda";

import { createClient } from "../shared/clients";
import { ENV, requireEnv } from "../shared/env";
import { createLogger } from "../shared/logger";
import { loadRuntimeConfig } from "../shared/runtime-config";
import { runHealthCheck } from "./monitor";
import type { HealthCheckSummary } from "./monitor";

const logger = createLogger("health-monitor");
const config = loadRuntimeConfig(__dirname);
const eventBusName = requireEnv(ENV.eventBusName);
const serviceNetworkIdentifier = requireEnv(ENV.serviceNetworkArn);
const lattice = createClient(VPCLatticeClient);
const cloudWatch = createClient(CloudWatchClient);
const eventBridge = createClient(EventBridgeClient);

/** Lambda handler; the scheduled event's content is not used. */
export async function handler(_event: unknown, context: Context): Promise<HealthCheckSummary> {
  logger.addContext(context);
  try {
    const summary = await runHealthCheck({
      lattice,
      cloudWatch,
      eventBridge,
      config,
      eventBusName,
      serviceNetworkIdentifier,
      logger,
    });
    logger.info("Health check finished", { summary });
    return summary;
  } catch (error) {
    logger.error("Health check failed", { error });
    throw error;
  }
}
