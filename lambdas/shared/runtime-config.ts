/**
 * The part of the project config that the handlers need at run time.
 * The stack writes it as `lifecycle-config.json` next to each bundled handler,
 * so a large fleet does not run into Lambda's 4 KB environment limit.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const RUNTIME_CONFIG_FILE = "lifecycle-config.json";

export type AutomationMode = "enforce" | "dry-run";

export type ComputeTarget =
  | { readonly type: "ecs"; readonly clusterName: string; readonly serviceName: string }
  | { readonly type: "ec2-asg"; readonly autoScalingGroupName: string };

export interface ScalingBounds {
  readonly min: number;
  readonly max: number;
  /** How many tasks or instances one action adds or removes. */
  readonly step: number;
  /** Seconds after an action during which no other action is taken for the service. */
  readonly cooldownSeconds: number;
}

export interface HealthThresholds {
  /** Error rate (5xx / requests, 0..1) above which a service is unhealthy. */
  readonly maxErrorRate: number;
  /** p99 request time in ms above which a service is degraded. */
  readonly maxP99LatencyMs: number;
  /** Fewer requests than this in the window: rates do not count, and the service counts as idle. */
  readonly minRequests: number;
}

export interface RuntimeService {
  /** Name in the config (`orders`). */
  readonly name: string;
  /** Name of the Lattice service the stack created for it (`<prefix>-orders`). */
  readonly latticeServiceName: string;
  /** Absent for LAMBDA targets, which scale by themselves. */
  readonly compute?: ComputeTarget;
  /** Present exactly when `compute` is. */
  readonly scaling?: ScalingBounds;
  readonly health: HealthThresholds;
}

/** A service the auto-scaler can act on. */
export type ScalableService = RuntimeService & { readonly compute: ComputeTarget; readonly scaling: ScalingBounds };

/** True when the service has compute and scaling bounds. */
export function isScalable(service: RuntimeService): service is ScalableService {
  return service.compute !== undefined && service.scaling !== undefined;
}

export interface RuntimeConfig {
  readonly schemaVersion: 1;
  readonly automationMode: AutomationMode;
  /** The account the stack deploys to; services owned by other accounts are never acted on. */
  readonly accountId: string;
  /** Length of the metric window the health monitor reads. */
  readonly healthWindowMinutes: number;
  /** Thresholds for services found in the network that the config does not name. */
  readonly defaultHealth: HealthThresholds;
  readonly services: readonly RuntimeService[];
}

/**
 * Reads the runtime config that sits next to the bundle.
 * @param dir folder that holds the file; defaults to the handler's own folder.
 */
export function loadRuntimeConfig(dir: string = __dirname): RuntimeConfig {
  const file = join(dir, RUNTIME_CONFIG_FILE);
  const parsed = JSON.parse(readFileSync(file, "utf8")) as RuntimeConfig;
  if (parsed.schemaVersion !== 1 || !Array.isArray(parsed.services)) {
    throw new Error(`${file} is not a service-lifecycle runtime config (schemaVersion 1 expected)`);
  }
  return parsed;
}

/** Finds the configured service behind a Lattice service name, if any. */
export function findService(config: RuntimeConfig, latticeServiceName: string): RuntimeService | undefined {
  return config.services.find((s) => s.latticeServiceName === latticeServiceName);
}
