import { MAX_RUN_SECONDS, rateExpression, runTimeoutSeconds } from "../../../stacks/events/health-schedule";

describe("rateExpression", () => {
  test("uses the singular unit for one minute", () => {
    expect(rateExpression(1)).toBe("rate(1 minute)");
  });

  test("uses the plural unit otherwise", () => {
    expect(rateExpression(15)).toBe("rate(15 minutes)");
  });
});

describe("runTimeoutSeconds", () => {
  test("gives a run the full two minutes when runs are two or more minutes apart", () => {
    expect(MAX_RUN_SECONDS).toBe(120);
    expect(runTimeoutSeconds(2)).toBe(120);
    expect(runTimeoutSeconds(5)).toBe(120);
    expect(runTimeoutSeconds(1440)).toBe(120);
  });

  test("stops a run after one period when runs are one minute apart", () => {
    expect(runTimeoutSeconds(1)).toBe(60);
  });
});
