/**
 * Keeps each service's discovered topology for a while, so a check does not
 * list every listener and rule on every run: routing changes rarely, target
 * health often (targets are read on every run and never cached).
 *
 * With `checkIntervalMs` (the schedule's rate), refreshes are spread over the
 * checks (check-slots.ts): the TTL spans a cycle of `ceil(ttl / interval)`
 * checks, and each service is discovered again on its own slot of the
 * cycle, so a fleet discovered at one cold start does not expire all on one
 * check. A topology is never used past its TTL (plus half an interval of
 * scheduler jitter), whichever comes first.
 *
 * The cache lives at module scope of the Lambda entry, so it survives warm
 * invocations of one execution environment only: a cold start, or a second
 * concurrent environment, starts empty and discovers again. Nothing is shared
 * between environments, and nothing needs to be invalidated across them.
 */
import { CheckClock } from "./check-slots";
import type { ServiceTopology } from "./types";

/** Topologies by service id, each reused for `ttlMs` after its discovery. */
export class TopologyCache {
  private readonly entries = new Map<string, ServiceTopology>();
  private readonly clock: CheckClock | undefined;

  /**
   * @param ttlMs how long a topology is reused, in milliseconds, counted from
   *   its `discoveredAt`. A topology is fresh while its age is strictly below
   *   the TTL: discovered at `t`, it is reused up to `t + ttlMs - 1` and
   *   discovered again from `t + ttlMs` on. 0 means never reuse (nothing is
   *   stored). The entry passes the configured `topologyCacheSeconds * 1000`.
   * @param checkIntervalMs time between scheduled checks; when given,
   *   refreshes are spread over the checks of a TTL. @default no spreading
   * @throws RangeError when `ttlMs` is negative or not a finite number, or
   *   `checkIntervalMs` is not positive.
   */
  constructor(
    readonly ttlMs: number,
    readonly checkIntervalMs?: number
  ) {
    if (!Number.isFinite(ttlMs) || ttlMs < 0) {
      throw new RangeError(`TopologyCache ttlMs must be a finite number >= 0, got ${ttlMs}`);
    }
    if (checkIntervalMs !== undefined && !(Number.isFinite(checkIntervalMs) && checkIntervalMs > 0)) {
      throw new RangeError(`TopologyCache checkIntervalMs must be a positive number, got ${checkIntervalMs}`);
    }
    this.clock = checkIntervalMs === undefined ? undefined : new CheckClock(checkIntervalMs);
  }

  /** Checks in one TTL; 1 without spreading. */
  get cycle(): number {
    return this.checkIntervalMs === undefined ? 1 : Math.max(1, Math.ceil(this.ttlMs / this.checkIntervalMs));
  }

  /**
   * The cached topology of a service, if it is still fresh at `now`.
   * @param now epoch milliseconds.
   * @returns `undefined` when there is none, or when it is `ttlMs` or more
   *   old, or dated after `now` (a clock that went back; discovering again is
   *   the safe side), and such a stale entry is dropped; also `undefined` on
   *   the check that is the service's refresh slot (the entry is kept for
   *   `fallback`).
   */
  get(serviceId: string, now: number): ServiceTopology | undefined {
    // The first check seen starts the count of checks, cached entry or not.
    this.clock?.checkNumber(now);
    const topology = this.entries.get(serviceId);
    if (topology === undefined) {
      return undefined;
    }
    const age = now - topology.discoveredAt;
    if (age < 0 || age >= this.maxAgeMs()) {
      this.entries.delete(serviceId);
      return undefined;
    }
    if (this.clock !== undefined && this.checkIntervalMs !== undefined && this.cycle > 1) {
      // Refreshed on its own slot, unless it was discovered on this very check.
      // The entry is kept: should the refresh fail, `fallback` still has it.
      const slotDue = this.clock.isSlot(serviceId, now, this.cycle) && age >= this.checkIntervalMs / 2;
      if (slotDue) {
        return undefined;
      }
    }
    return topology;
  }

  /**
   * The cached topology while it is within its TTL, even on the check that is
   * due to refresh it: what a check uses when that refresh fails.
   */
  fallback(serviceId: string, now: number): ServiceTopology | undefined {
    const topology = this.entries.get(serviceId);
    if (topology === undefined) {
      return undefined;
    }
    const age = now - topology.discoveredAt;
    return age >= 0 && age < this.maxAgeMs() ? topology : undefined;
  }

  /** The age from which a topology is never used: the TTL, plus half an interval of jitter when spreading. */
  private maxAgeMs(): number {
    if (this.checkIntervalMs === undefined || this.cycle === 1) {
      return this.ttlMs;
    }
    return this.ttlMs + this.checkIntervalMs / 2;
  }

  /** Stores a topology under its `serviceId`, replacing any earlier one; does nothing when `ttlMs` is 0. */
  set(topology: ServiceTopology): void {
    if (this.ttlMs === 0) {
      return;
    }
    this.entries.set(topology.serviceId, topology);
  }

  /** Drops a service's topology, e.g. after reading its targets showed it is out of date. */
  invalidate(serviceId: string): void {
    this.entries.delete(serviceId);
  }

  /**
   * Drops every service that is not in `serviceIds` (services no longer in the
   * network), so the cache never grows past the network's size.
   * @returns how many topologies were dropped.
   */
  retainOnly(serviceIds: Iterable<string>): number {
    const keep = new Set(serviceIds);
    let dropped = 0;
    for (const serviceId of [...this.entries.keys()]) {
      if (!keep.has(serviceId)) {
        this.entries.delete(serviceId);
        dropped++;
      }
    }
    return dropped;
  }

  /** Topologies held, fresh or not yet dropped as stale. */
  get size(): number {
    return this.entries.size;
  }
}
