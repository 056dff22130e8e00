import { createFakeAws } from "../../../scripts/bench/fake-aws";
import type { FakeAws } from "../../../scripts/bench/fake-aws";
import { fleetRuntimeConfig } from "../../../scripts/bench/fleet-config";
import { createOursMonitor } from "../../../scripts/bench/ours-monitor";

let fake: FakeAws;

afterEach(() => fake?.restore());

describe("our monitor on the fake fleet", () => {
  test("checks every service twice without a call the fake refuses", async () => {
    // Arrange
    fake = createFakeAws({ services: 12, latencyMs: 0 });
    const ours = createOursMonitor(fake, fleetRuntimeConfig(fake.fleet));
    const now = new Date("2025-03-01T12:05:30Z");

    // Act
    const cold = await ours.run(now);
    const steady = await ours.run(new Date(now.getTime() + 5 * 60_000));

    // Assert
    expect(fake.refusals()).toEqual([]);
    expect(cold.servicesChecked).toBe(12);
    expect(steady.servicesChecked).toBe(12);
    expect(fake.table.items()).toHaveLength(12);
    expect(fake.published.length).toBeGreaterThanOrEqual(24);
  });
});
