/** Derives the handlers' runtime config (`lifecycle-config.json`) from the validated project config. */
import type { ServiceLifecycleConfig } from "../../config/schema";
import type { RuntimeConfig } from "../../lambdas/shared/runtime-config";
import { resourceName } from "../shared/naming";

/** Thresholds for services that are in the network but not in the config. */
export const DEFAULT_HEALTH = { maxErrorRate: 0.05, maxP99LatencyMs: 2000, minRequests: 20 } as const;

export function toRuntimeConfig(config: ServiceLifecycleConfig): RuntimeConfig {
  return {
    schemaVersion: 1,
    automationMode: config.automationMode,
    accountId: config.accountId,
    healthWindowMinutes: config.healthCheck.windowMinutes,
    defaultHealth: DEFAULT_HEALTH,
    services: config.services.map((svc) => ({
      name: svc.name,
      latticeServiceName: resourceName(config.namePrefix, svc.name),
      compute: svc.compute,
      scaling: svc.scaling,
      health: svc.health,
    })) as RuntimeConfig["services"],
  };
}
