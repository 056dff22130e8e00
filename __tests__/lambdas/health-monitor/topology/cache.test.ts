import { TopologyCache } from "../../../../lambdas/health-monitor/topology/cache";
import { forwardRoute, listenerId, serviceId, targetGroupId, topologyOf } from "../../../helpers/topology-fixtures";

const T0 = Date.parse("2025-06-01T12:00:00Z");
const TTL = 15 * 60_000;

function topology(service: number, discoveredAt = T0) {
  return topologyOf([forwardRoute(listenerId(1), [[targetGroupId(service), 1]])], discoveredAt, serviceId(service));
}

describe("Class: TopologyCache", () => {
  test("returns undefined for a service never stored", () => {
    // Arrange
    const cache = new TopologyCache(TTL);

    // Act
    const found = cache.get(serviceId(1), T0);

    // Assert
    expect(found).toBeUndefined();
  });

  test("returns the stored topology while it is younger than the TTL", () => {
    // Arrange
    const cache = new TopologyCache(TTL);
    const stored = topology(1);
    cache.set(stored);

    // Act
    const atOnce = cache.get(serviceId(1), T0);
    const lastMoment = cache.get(serviceId(1), T0 + TTL - 1);

    // Assert
    expect(atOnce).toBe(stored);
    expect(lastMoment).toBe(stored);
  });

  test("returns undefined once the topology is exactly TTL old, and drops it", () => {
    // Arrange
    const cache = new TopologyCache(TTL);
    cache.set(topology(1));

    // Act
    const found = cache.get(serviceId(1), T0 + TTL);

    // Assert
    expect(found).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  test("never reuses a topology with a TTL of 0, and stores nothing", () => {
    // Arrange
    const cache = new TopologyCache(0);
    cache.set(topology(1));

    // Act
    const found = cache.get(serviceId(1), T0);

    // Assert
    expect(found).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  test("returns undefined for a topology dated after now (a clock that went back)", () => {
    // Arrange
    const cache = new TopologyCache(TTL);
    cache.set(topology(1, T0 + 1000));

    // Act
    const found = cache.get(serviceId(1), T0);

    // Assert
    expect(found).toBeUndefined();
  });

  test("replaces a service's topology when it is set again", () => {
    // Arrange
    const cache = new TopologyCache(TTL);
    const newer = topology(1, T0 + 60_000);
    cache.set(topology(1));
    cache.set(newer);

    // Act
    const found = cache.get(serviceId(1), T0 + TTL);

    // Assert
    expect(found).toBe(newer);
    expect(cache.size).toBe(1);
  });

  test("drops one service's topology on invalidate", () => {
    // Arrange
    const cache = new TopologyCache(TTL);
    cache.set(topology(1));
    cache.set(topology(2));

    // Act
    cache.invalidate(serviceId(1));
    cache.invalidate(serviceId(9));

    // Assert
    expect(cache.get(serviceId(1), T0)).toBeUndefined();
    expect(cache.get(serviceId(2), T0)).toBeDefined();
    expect(cache.size).toBe(1);
  });

  test("drops the services no longer in the network on retainOnly and returns how many", () => {
    // Arrange
    const cache = new TopologyCache(TTL);
    [1, 2, 3, 4].forEach((n) => cache.set(topology(n)));

    // Act
    const dropped = cache.retainOnly(new Set([serviceId(2), serviceId(4), serviceId(5)]));

    // Assert
    expect(dropped).toBe(2);
    expect(cache.size).toBe(2);
    expect(cache.get(serviceId(1), T0)).toBeUndefined();
    expect(cache.get(serviceId(2), T0)).toBeDefined();
    expect(cache.get(serviceId(4), T0)).toBeDefined();
  });

  test("takes any iterable of service ids on retainOnly, and an empty one drops everything", () => {
    // Arrange
    const cache = new TopologyCache(TTL);
    [1, 2].forEach((n) => cache.set(topology(n)));
    function* ids() {
      yield serviceId(2);
    }

    // Act
    cache.retainOnly(ids());
    const afterGenerator = cache.size;
    cache.retainOnly([]);

    // Assert
    expect(afterGenerator).toBe(1);
    expect(cache.size).toBe(0);
  });

  test.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("throws a RangeError for a TTL of %p", (ttl) => {
    // Act
    const create = () => new TopologyCache(ttl);

    // Assert
    expect(create).toThrow(RangeError);
    expect(create).toThrow(`TopologyCache ttlMs must be a finite number >= 0, got ${ttl}`);
  });
});

describe("TopologyCache with refreshes spread over the checks", () => {
  const INTERVAL = 5 * 60_000;
  const HOUR = 60 * 60_000;
  /** Scheduled check number `n` (on a schedule boundary). */
  const check = (n: number) => n * INTERVAL;

  /** Runs checks `from..to` for `services`, discovering what the cache does not give; returns discoveries per check. */
  function discoveriesPerCheck(cache: TopologyCache, services: number, from: number, to: number): number[] {
    const perCheck: number[] = [];
    for (let n = from; n <= to; n++) {
      let discovered = 0;
      for (let s = 1; s <= services; s++) {
        if (!cache.get(serviceId(s), check(n))) {
          cache.set(topology(s, check(n)));
          discovered++;
        }
      }
      perCheck.push(discovered);
    }
    return perCheck;
  }

  it("spans a cycle of round(ttl / interval) checks", () => {
    expect(new TopologyCache(HOUR, INTERVAL).cycle).toBe(12);
    expect(new TopologyCache(HOUR).cycle).toBe(1);
    expect(new TopologyCache(2 * 60_000, INTERVAL).cycle).toBe(1);
  });

  it("spreads the rediscovery of a fleet found at one cold start over the following checks", () => {
    const cache = new TopologyCache(HOUR, INTERVAL);
    const perCheck = discoveriesPerCheck(cache, 240, 1000, 1000 + 24);
    expect(perCheck[0]).toBe(240);
    // afterwards every check rediscovers about 240 / 12 = 20 services, never the whole fleet
    expect(Math.max(...perCheck.slice(1))).toBeLessThan(45);
    expect(perCheck.slice(1, 13).reduce((a, b) => a + b, 0)).toBe(240);
  });

  it("never reuses a topology past one cycle (plus half an interval of jitter)", () => {
    const cache = new TopologyCache(HOUR, INTERVAL);
    const ages: number[] = [];
    const discoveredAt = new Map<number, number>();
    for (let n = 2000; n <= 2040; n++) {
      for (let s = 1; s <= 50; s++) {
        if (!cache.get(serviceId(s), check(n))) {
          if (discoveredAt.has(s)) ages.push(check(n) - (discoveredAt.get(s) as number));
          cache.set(topology(s, check(n)));
          discoveredAt.set(s, check(n));
        }
      }
    }
    expect(Math.max(...ages)).toBeLessThanOrEqual(HOUR);
  });

  it("does not rediscover a topology on the check that discovered it", () => {
    const cache = new TopologyCache(HOUR, INTERVAL);
    cache.set(topology(1, check(3000)));
    expect(cache.get(serviceId(1), check(3000) + 1000)).toBeDefined();
  });

  it("throws a RangeError for an interval that is not positive", () => {
    expect(() => new TopologyCache(HOUR, 0)).toThrow(RangeError);
  });
});
