/**
 * The runtime config the fleet benchmark gives our health monitor: the
 * project's default `healthCheck` settings (every 5 minutes, 5-minute window,
 * concurrency 10, topology cache 60 minutes, settled target groups read on
 * one check in 2), the default thresholds for most services, and a few
 * configured services with their own, stricter thresholds.
 */
import { HEALTH_DEFAULTS, configSchema } from "../../config/schema";
import { RUNTIME_CONFIG_VERSION } from "../../lambdas/shared/runtime-config";
import type { HealthThresholds, RuntimeConfig, RuntimeService } from "../../lambdas/shared/runtime-config";
import { healthMonitorSettings } from "../../stacks/functions/runtime-config";
import type { Fleet } from "./fleet";

/** The `healthCheck` block of a config that sets none of it. */
export const DEFAULT_HEALTH_CHECK = configSchema.shape.healthCheck.parse(undefined);

/** How many of the fleet's first services the config names. */
export const CONFIGURED_SERVICES = 3;

/** Thresholds of the configured services. */
export const CONFIGURED_HEALTH: HealthThresholds = {
  ...HEALTH_DEFAULTS,
  maxErrorRate: 0.02,
  maxP99LatencyMs: 1000,
  minRequests: 100,
};

/** The runtime config for `fleet`: its first `CONFIGURED_SERVICES` services configured, the rest judged by `defaultHealth`. */
export function fleetRuntimeConfig(fleet: Fleet): RuntimeConfig {
  const services: RuntimeService[] = fleet.services.slice(0, CONFIGURED_SERVICES).map((s) => ({
    name: s.name.replace(/^bench-/, "svc"),
    latticeServiceName: s.name,
    compute: { type: "ecs", clusterName: "bench-cluster", serviceName: s.name },
    scaling: { min: 1, max: 10, step: 1, cooldownSeconds: 300 },
    health: CONFIGURED_HEALTH,
  }));
  return {
    schemaVersion: RUNTIME_CONFIG_VERSION,
    automationMode: "dry-run",
    accountId: fleet.accountId,
    healthWindowMinutes: DEFAULT_HEALTH_CHECK.windowMinutes,
    healthMonitor: healthMonitorSettings(DEFAULT_HEALTH_CHECK),
    defaultHealth: { ...HEALTH_DEFAULTS },
    services,
  };
}
