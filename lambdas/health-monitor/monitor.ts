/**
 * One health check of the whole service network: list the services, read
 * their metrics, classify each, publish one `Service Health Check` event per
 * service, and return a summary.
 */
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { VPCLatticeClient } from "@aws-sdk/client-vpc-lattice";

import { healthCheckEntry } from "../shared/entries";
import { DETAIL_SCHEMA_VERSION, HEALTH_STATUSES } from "../shared/events";
import type { HealthCheckDetail, HealthStatus } from "../shared/events";
import type { Log } from "../shared/logger";
import { publishEvents } from "../shared/publish";
import type { PublishOptions } from "../shared/publish";
import { arnAccount } from "../shared/arn";
import { findService } from "../shared/runtime-config";
import type { RuntimeConfig } from "../shared/runtime-config";
import { listNetworkServices } from "./associations";
import type { NetworkService } from "./associations";
import { classify } from "./classify";
import type { Classification } from "./classify";
import { fetchServiceSeries } from "./metric-data";
import type { SeriesOutcome } from "./metric-data";
import { metricWindow } from "./metric-queries";
import { toReading } from "./readings";
import type { HealthReading } from "./readings";

/** What one check needs; the entry wires the real clients, tests pass mocks. */
export interface HealthMonitorDeps {
  readonly lattice: VPCLatticeClient;
  readonly cloudWatch: CloudWatchClient;
  readonly eventBridge: EventBridgeClient;
  readonly config: RuntimeConfig;
  readonly eventBusName: string;
  /** Service network ARN (an id works too). */
  readonly serviceNetworkIdentifier: string;
  readonly logger: Log;
  /** @default () => new Date() */
  readonly now?: () => Date;
  readonly publishOptions?: Omit<PublishOptions, "logger">;
}

/** The result of one check. */
export interface HealthCheckSummary {
  readonly servicesChecked: number;
  readonly associationsSkipped: number;
  readonly statuses: Record<HealthStatus, number>;
  readonly eventsPublished: number;
  readonly windowStart: string;
  readonly windowEnd: string;
}

const NO_READING: HealthReading = {
  requestCount: null,
  errorCount: null,
  errorRate: null,
  p99LatencyMs: null,
  gaps: {},
  notes: [],
};

/**
 * Runs one health check.
 * @throws when listing fails, when every metrics call fails, or when events cannot be published.
 */
export async function runHealthCheck(deps: HealthMonitorDeps): Promise<HealthCheckSummary> {
  const { config, logger } = deps;
  const now = (deps.now ?? (() => new Date()))();
  const window = metricWindow(now, config.healthWindowMinutes);

  const { active, skipped } = await listNetworkServices(deps.lattice, deps.serviceNetworkIdentifier, logger);
  const outcomes =
    active.length > 0
      ? await fetchServiceSeries(
          deps.cloudWatch,
          active.map((s) => s.serviceId),
          window,
          logger
        )
      : [];

  const details = active.map((service, i) => {
    const detail = checkService(service, outcomes[i], config, now);
    logger.info("Service classified", { service_name: service.serviceName, status: detail.status, detail });
    return { service, detail };
  });

  const entries = details.map(({ service, detail }) => healthCheckEntry(deps.eventBusName, detail, service.serviceArn));
  const published = await publishEvents(deps.eventBridge, entries, { ...deps.publishOptions, logger });

  return {
    servicesChecked: active.length,
    associationsSkipped: skipped.length,
    statuses: countStatuses(details.map((d) => d.detail.status)),
    eventsPublished: published.published,
    windowStart: window.start.toISOString(),
    windowEnd: window.end.toISOString(),
  };
}

/** Builds the event detail of one service from its metrics outcome. */
export function checkService(
  service: NetworkService,
  outcome: SeriesOutcome | undefined,
  config: RuntimeConfig,
  now: Date
): HealthCheckDetail {
  // A service another account shares into the network may carry a configured
  // name; it is judged by the default thresholds, never by ours.
  const owned = arnAccount(service.serviceArn) === config.accountId;
  const thresholds = (owned ? findService(config, service.serviceName)?.health : undefined) ?? config.defaultHealth;
  let reading = NO_READING;
  let classification: Classification;
  if (!outcome || !outcome.ok) {
    classification = { status: "unknown", reasons: [outcome?.error ?? "metrics were not read"] };
  } else {
    reading = toReading(outcome.series);
    classification = classify(reading, thresholds, config.healthWindowMinutes);
  }
  return {
    schemaVersion: DETAIL_SCHEMA_VERSION,
    serviceId: service.serviceId,
    serviceName: service.serviceName,
    status: classification.status,
    // CloudWatch messages about signals that still gave a number follow the deciding reasons
    reasons: [...classification.reasons, ...reading.notes],
    requestCount: reading.requestCount,
    errorRate: reading.errorRate,
    p99LatencyMs: reading.p99LatencyMs,
    windowMinutes: config.healthWindowMinutes,
    timestamp: now.toISOString(),
  };
}

function countStatuses(statuses: readonly HealthStatus[]): Record<HealthStatus, number> {
  const counts = Object.fromEntries(HEALTH_STATUSES.map((s) => [s, 0])) as Record<HealthStatus, number>;
  for (const status of statuses) {
    counts[status]++;
  }
  return counts;
}
