/**
 * The model behind the fake AWS of the fleet benchmark: N Lattice services
 * associated with one service network, their listeners, rules, target
 * groups and targets, and the traffic each service shows in CloudWatch.
 *
 * Everything is derived from the service's position, so two fleets of the
 * same size are identical and a service reports the same metrics on every
 * run (a steady state has nothing to change).
 *
 * Shape of service `i` (0-based):
 * - one HTTPS listener on 443 whose default action forwards to target group A;
 * - every 5th service (`i % 5 === 4`) also has a rule, priority 10, that
 *   forwards 90/10 to A and a canary target group B;
 * - every target group holds 3 IP targets, mostly `HEALTHY` (see `targetStatus`);
 * - traffic: see `trafficProfile`.
 */

/** Lattice `TargetStatus` values the fleet uses. */
export type FakeTargetStatus = "HEALTHY" | "UNHEALTHY" | "DRAINING";

export interface FakeTarget {
  readonly id: string;
  readonly port: number;
  readonly status: FakeTargetStatus;
}

export interface FakeTargetGroup {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly targets: readonly FakeTarget[];
}

/** A target group an action forwards to. */
export interface FakeForward {
  readonly targetGroupId: string;
  readonly weight: number;
}

export interface FakeRule {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly priority: number;
  readonly forward: readonly FakeForward[];
}

export interface FakeListener {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly port: number;
  readonly protocol: "HTTPS";
  readonly defaultForward: readonly FakeForward[];
  /** Id of the listener's default rule, which `ListRules` lists with `isDefault: true`. */
  readonly defaultRuleId: string;
  /** Non-default rules, by priority. */
  readonly rules: readonly FakeRule[];
}

/** What CloudWatch holds for a service, per minute. */
export interface TrafficProfile {
  /** `TotalRequestCount` per minute; 0 means the service has no metric data at all. */
  readonly requestsPerMinute: number;
  /** Share of requests answered 5xx. */
  readonly serverErrorRate: number;
  /** Share of requests answered 4xx. */
  readonly clientErrorRate: number;
  /** p99 of `RequestTime`, in ms. */
  readonly p99Ms: number;
}

export interface FakeService {
  readonly index: number;
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly associationId: string;
  readonly associationArn: string;
  readonly listeners: readonly FakeListener[];
  readonly traffic: TrafficProfile;
}

export interface FakeNetwork {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
}

/** A whole fake fleet. */
export interface Fleet {
  readonly accountId: string;
  readonly region: string;
  readonly network: FakeNetwork;
  /** In association order. */
  readonly services: readonly FakeService[];
  readonly servicesById: ReadonlyMap<string, FakeService>;
  readonly targetGroupsById: ReadonlyMap<string, FakeTargetGroup>;
}

export interface FleetOptions {
  /** @default "111122223333" */
  readonly accountId?: string;
  /** @default "eu-west-1" */
  readonly region?: string;
}

/** Name of the Lattice service at `index` (`bench-0007`). */
export function fleetServiceName(index: number): string {
  return `bench-${String(index).padStart(4, "0")}`;
}

/** True for the services that carry a canary rule (about every 5th). */
export function hasCanary(index: number): boolean {
  return index % 5 === 4;
}

/** A 17-hex-digit Lattice id suffix, distinct per kind and number. */
function hex17(kind: number, n: number): string {
  return (kind * 0x100000000 + n).toString(16).padStart(17, "0");
}

/**
 * Status of target `slot` (0-2) of the primary target group of service
 * `index`: one target of every 7th service is `UNHEALTHY`, one of every 13th
 * is `DRAINING`, and every 29th service has two `UNHEALTHY` targets (under
 * half healthy). Canary target groups are all `HEALTHY`.
 */
export function targetStatus(index: number, slot: number, canary: boolean): FakeTargetStatus {
  if (canary) return "HEALTHY";
  if (index % 29 === 11 && slot < 2) return "UNHEALTHY";
  if (index % 7 === 3 && slot === 2) return "UNHEALTHY";
  if (index % 13 === 5 && slot === 1) return "DRAINING";
  return "HEALTHY";
}

/**
 * Traffic of service `index`: every 31st has no metric data (never called),
 * every 17th is nearly idle (1 request a minute), every 11th answers 12% 5xx,
 * every 9th has a p99 of 3.5 s; the rest are busy and well.
 */
export function trafficProfile(index: number): TrafficProfile {
  const busy = 200 + ((index * 37) % 300);
  if (index % 31 === 30) return { requestsPerMinute: 0, serverErrorRate: 0, clientErrorRate: 0, p99Ms: 0 };
  if (index % 17 === 16) return { requestsPerMinute: 1, serverErrorRate: 0, clientErrorRate: 0, p99Ms: 40 };
  if (index % 11 === 7) return { requestsPerMinute: busy, serverErrorRate: 0.12, clientErrorRate: 0.01, p99Ms: 180 };
  if (index % 9 === 4) return { requestsPerMinute: busy, serverErrorRate: 0.002, clientErrorRate: 0.01, p99Ms: 3500 };
  return { requestsPerMinute: busy, serverErrorRate: 0.002, clientErrorRate: 0.01, p99Ms: 120 + ((index * 53) % 400) };
}

/** Builds a fleet of `size` services. */
export function buildFleet(size: number, options: FleetOptions = {}): Fleet {
  if (!Number.isInteger(size) || size < 0) throw new Error(`fleet size must be a whole number >= 0, got ${size}`);
  const accountId = options.accountId ?? "111122223333";
  const region = options.region ?? "eu-west-1";
  const arnPrefix = `arn:aws:vpc-lattice:${region}:${accountId}`;
  const networkId = `sn-${hex17(0xa, 1)}`;
  const network = { id: networkId, arn: `${arnPrefix}:servicenetwork/${networkId}`, name: "bench-network" };
  const targetGroupsById = new Map<string, FakeTargetGroup>();

  const targetGroup = (index: number, canary: boolean): FakeTargetGroup => {
    const id = `tg-${hex17(canary ? 0xc : 0xb, index)}`;
    const name = `${fleetServiceName(index)}-${canary ? "canary" : "main"}`;
    const targets = [0, 1, 2].map((slot) => ({
      // 80 services per /24, three addresses each
      id: `10.${canary ? 1 : 0}.${Math.floor(index / 80)}.${3 * (index % 80) + slot + 1}`,
      port: 8080,
      status: targetStatus(index, slot, canary),
    }));
    const group = { id, arn: `${arnPrefix}:targetgroup/${id}`, name, targets };
    targetGroupsById.set(id, group);
    return group;
  };

  const services = Array.from({ length: size }, (_, index): FakeService => {
    const id = `svc-${hex17(0x5, index)}`;
    const arn = `${arnPrefix}:service/${id}`;
    const main = targetGroup(index, false);
    const listenerId = `listener-${hex17(0x1, index)}`;
    const listenerArn = `${arn}/listener/${listenerId}`;
    const rules: FakeRule[] = [];
    if (hasCanary(index)) {
      const canary = targetGroup(index, true);
      const ruleId = `rule-${hex17(0x2, index)}`;
      rules.push({
        id: ruleId,
        arn: `${listenerArn}/rule/${ruleId}`,
        name: "canary",
        priority: 10,
        forward: [
          { targetGroupId: main.id, weight: 90 },
          { targetGroupId: canary.id, weight: 10 },
        ],
      });
    }
    const listener: FakeListener = {
      id: listenerId,
      arn: listenerArn,
      name: "https",
      port: 443,
      protocol: "HTTPS",
      defaultForward: [{ targetGroupId: main.id, weight: 100 }],
      defaultRuleId: `rule-${hex17(0xd, index)}`,
      rules,
    };
    const associationId = `snsa-${hex17(0x3, index)}`;
    return {
      index,
      id,
      arn,
      name: fleetServiceName(index),
      associationId,
      associationArn: `${arnPrefix}:servicenetworkserviceassociation/${associationId}`,
      listeners: [listener],
      traffic: trafficProfile(index),
    };
  });

  return {
    accountId,
    region,
    network,
    services,
    servicesById: new Map(services.map((s) => [s.id, s])),
    targetGroupsById,
  };
}
