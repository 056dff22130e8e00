/**
 * What one health check needs. The entry (index.ts) wires the real clients
 * and a topology cache that lives as long as the Lambda execution
 * environment; tests and the benchmark pass mocked clients.
 */
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { VPCLatticeClient } from "@aws-sdk/client-vpc-lattice";

import type { CallCounter } from "../shared/aws-calls";
import type { Log } from "../shared/logger";
import type { PublishOptions } from "../shared/publish";
import type { RuntimeConfig } from "../shared/runtime-config";
import type { TopologyCache } from "./topology/cache";
import type { TargetHealthCache } from "./topology/target-cache";

export interface HealthMonitorDeps {
  readonly lattice: VPCLatticeClient;
  readonly cloudWatch: CloudWatchClient;
  readonly eventBridge: EventBridgeClient;
  readonly dynamo: DynamoDBClient;
  readonly config: RuntimeConfig;
  readonly eventBusName: string;
  /** The table that keeps each service's last verdict. */
  readonly tableName: string;
  /** Service network ARN (an id works too). */
  readonly serviceNetworkIdentifier: string;
  /** Kept between invocations by the caller; its TTL comes from the config. */
  readonly topologyCache: TopologyCache;
  /**
   * Kept between invocations by the caller: which target groups to read and
   * what the last reads found.
   * @default a cache that reads every target group on every check
   */
  readonly targetCache?: TargetHealthCache;
  readonly logger: Log;
  /**
   * Counts the calls made through the clients above. The caller wraps the
   * clients with `instrument(client, counter)` from `shared/aws-calls`; the
   * check only reads the counts for its summary and metrics.
   * @default a fresh counter that sees no calls
   */
  readonly counter?: CallCounter;
  /** @default () => new Date() */
  readonly now?: () => Date;
  /**
   * Epoch milliseconds after which no service's topology or targets are
   * read any more (the entry derives it from the Lambda's remaining time);
   * services not reached by then are judged without target health, and the
   * run goes on to publish and write in the time left.
   * @default no limit
   */
  readonly readDeadline?: number;
  /** The clock the deadline is compared with. @default Date.now */
  readonly clock?: () => number;
  readonly publishOptions?: Omit<PublishOptions, "logger">;
}
