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
  /** Weighted share (0..1) of health-checked targets that must be `HEALTHY`; below it the service is unhealthy. */
  readonly minHealthyTargetShare: number;
  /** Consecutive checks that must agree on a new verdict before the reported status changes. */
  readonly consecutiveChecks: number;
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

/** How the health monitor runs. */
export interface HealthMonitorSettings {
  /** Length of the metric window each check reads (60-second resolution). */
  readonly windowMinutes: number;
  /** Seconds a service's topology is reused before it is listed again; 0 lists it on every run. */
  readonly topologyCacheSeconds: number;
  /** Services whose topology and targets are read at the same time. */
  readonly concurrency: number;
  /** Time between two scheduled checks. */
  readonly rateSeconds: number;
  /** A target group whose targets were all HEALTHY is read on one check in this many (1 = every check). */
  readonly targetRefreshChecks: number;
  /** Seconds a verdict row lives after its last write (the table's TTL). */
  readonly stateTtlSeconds: number;
}

export const RUNTIME_CONFIG_VERSION = 2;

export interface RuntimeConfig {
  readonly schemaVersion: typeof RUNTIME_CONFIG_VERSION;
  readonly automationMode: AutomationMode;
  /** The account the stack deploys to; services owned by other accounts are never acted on. */
  readonly accountId: string;
  /** Length of the metric window the health monitor reads. */
  readonly healthWindowMinutes: number;
  readonly healthMonitor: HealthMonitorSettings;
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
  if (parsed.schemaVersion !== RUNTIME_CONFIG_VERSION || !Array.isArray(parsed.services)) {
    throw new Error(
      `${file} is not a service-lifecycle runtime config (schemaVersion ${RUNTIME_CONFIG_VERSION} expected); synthesize again`
    );
  }
  return parsed;
}

/** Finds the configured service behind a Lattice service name, if any. */
export function findService(config: RuntimeConfig, latticeServiceName: string): RuntimeService | undefined {
  return config.services.find((s) => s.latticeServiceName === latticeServiceName);
}
