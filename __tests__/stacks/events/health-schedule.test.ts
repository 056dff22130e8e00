import { rateExpression } from "../../../stacks/events/health-schedule";

describe("rateExpression", () => {
  test("uses the singular unit for one minute", () => {
    expect(rateExpression(1)).toBe("rate(1 minute)");
  });

  test("uses the plural unit otherwise", () => {
    expect(rateExpression(15)).toBe("rate(15 minutes)");
  });
});
