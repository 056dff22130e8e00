/** Derives the handlers' runtime config (`lifecycle-config.json`) from the validated project config. */
import type { ServiceLifecycleConfig } from "../../config/schema";
import { RUNTIME_CONFIG_VERSION } from "../../lambdas/shared/runtime-config";
import type { HealthMonitorSettings, RuntimeConfig } from "../../lambdas/shared/runtime-config";
import { resourceName } from "../shared/naming";

export function toRuntimeConfig(config: ServiceLifecycleConfig): RuntimeConfig {
  const { healthCheck } = config;
  return {
    schemaVersion: RUNTIME_CONFIG_VERSION,
    automationMode: config.automationMode,
    accountId: config.accountId,
    healthWindowMinutes: healthCheck.windowMinutes,
    healthMonitor: healthMonitorSettings(healthCheck),
    defaultHealth: healthCheck.defaultHealth,
    services: config.services.map((svc) => ({
      name: svc.name,
      latticeServiceName: resourceName(config.namePrefix, svc.name),
      compute: svc.compute,
      scaling: svc.scaling,
      health: svc.health,
    })) as RuntimeConfig["services"],
  };
}

/** The health monitor's run settings, from the config's `healthCheck` block. */
export function healthMonitorSettings(healthCheck: ServiceLifecycleConfig["healthCheck"]): HealthMonitorSettings {
  return {
    windowMinutes: healthCheck.windowMinutes,
    topologyCacheSeconds: healthCheck.topologyCacheMinutes * 60,
    concurrency: healthCheck.concurrency,
    rateSeconds: healthCheck.rateMinutes * 60,
    targetRefreshChecks: healthCheck.targetRefreshChecks,
    stateTtlSeconds: healthCheck.stateRetentionDays * 86_400,
  };
}
