/**
 * Runs our health monitor (`runHealthCheck` of lambdas/health-monitor) on
 * the fake AWS, as the Lambda entry would on warm invocations: one topology
 * cache and one target-health cache kept across runs, fresh call counter and instrumented clients per run.
 */
import { runHealthCheck } from "../../lambdas/health-monitor/monitor";
import type { HealthCheckSummary } from "../../lambdas/health-monitor/monitor";
import { TopologyCache } from "../../lambdas/health-monitor/topology/cache";
import { TargetHealthCache } from "../../lambdas/health-monitor/topology/target-cache";
import { CallCounter, instrument } from "../../lambdas/shared/aws-calls";
import type { Log } from "../../lambdas/shared/logger";
import type { RuntimeConfig } from "../../lambdas/shared/runtime-config";
import type { FakeAws } from "./fake-aws";

/** A logger that drops everything (the benchmark prints its own numbers). */
export const SILENT_LOGGER: Log = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Our monitor bound to one fake fleet, with state that lives across runs. */
export interface OursMonitor {
  /** One health check as of `now`. */
  run(now: Date): Promise<HealthCheckSummary>;
}

/** Binds our monitor to `fake`, judging with `config`. */
export function createOursMonitor(fake: FakeAws, config: RuntimeConfig): OursMonitor {
  const topologyCache = new TopologyCache(
    config.healthMonitor.topologyCacheSeconds * 1000,
    config.healthMonitor.rateSeconds * 1000
  );
  const targetCache = new TargetHealthCache(config.healthMonitor.targetRefreshChecks, config.healthMonitor.rateSeconds * 1000);
  return {
    run: (now) => {
      const counter = new CallCounter();
      return runHealthCheck({
        lattice: instrument(fake.clients.lattice, counter),
        cloudWatch: instrument(fake.clients.cloudWatch, counter),
        eventBridge: instrument(fake.clients.eventBridge, counter),
        dynamo: instrument(fake.clients.dynamo, counter),
        config,
        eventBusName: fake.eventBusName,
        tableName: fake.tableName,
        serviceNetworkIdentifier: fake.fleet.network.arn,
        topologyCache,
        targetCache,
        logger: SILENT_LOGGER,
        counter,
        now: () => now,
      });
    },
  };
}
