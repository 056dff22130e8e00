import { RUNTIME_CONFIG_VERSION } from "../../lambdas/shared/runtime-config";
import type { HealthThresholds, RuntimeConfig, RuntimeService, ScalableService } from "../../lambdas/shared/runtime-config";

export const DEFAULT_HEALTH: HealthThresholds = {
  maxErrorRate: 0.05,
  maxP99LatencyMs: 1000,
  minRequests: 10,
  minHealthyTargetShare: 0.5,
  consecutiveChecks: 1,
};

/** Thresholds of the configured test services. */
export const SERVICE_HEALTH: HealthThresholds = {
  maxErrorRate: 0.02,
  maxP99LatencyMs: 500,
  minRequests: 100,
  minHealthyTargetShare: 0.5,
  consecutiveChecks: 1,
};

/** A configured ECS-backed service; `name` "orders" → Lattice service "sl-orders", cluster "sl-cluster". */
export function ecsService(name: string, overrides: Partial<ScalableService> = {}): ScalableService {
  return {
    name,
    latticeServiceName: `sl-${name}`,
    compute: { type: "ecs", clusterName: "sl-cluster", serviceName: name },
    scaling: { min: 1, max: 10, step: 2, cooldownSeconds: 300 },
    health: SERVICE_HEALTH,
    ...overrides,
  };
}

/** A configured service backed by the EC2 Auto Scaling group `sl-<name>-asg`. */
export function asgService(name: string, overrides: Partial<ScalableService> = {}): ScalableService {
  return ecsService(name, { compute: { type: "ec2-asg", autoScalingGroupName: `sl-${name}-asg` }, ...overrides });
}

/** A LAMBDA-backed service: health thresholds, no compute to scale. */
export function lambdaService(name: string): RuntimeService {
  return { name, latticeServiceName: `sl-${name}`, health: SERVICE_HEALTH };
}

export function runtimeConfig(overrides: Partial<RuntimeConfig> = {}): RuntimeConfig {
  return {
    schemaVersion: RUNTIME_CONFIG_VERSION,
    automationMode: "enforce",
    accountId: "111122223333",
    healthWindowMinutes: 5,
    healthMonitor: {
      windowMinutes: 5,
      topologyCacheSeconds: 900,
      concurrency: 4,
      rateSeconds: 300,
      targetRefreshChecks: 1,
      stateTtlSeconds: 14 * 86_400,
    },
    defaultHealth: DEFAULT_HEALTH,
    services: [ecsService("orders"), asgService("billing")],
    ...overrides,
  };
}
