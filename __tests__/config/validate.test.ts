import { ConfigError } from "../../config/errors";
import { FIELD_HINTS } from "../../config/hints";
import { validateConfig } from "../../config/load";
import type { ServiceLifecycleConfigInput } from "../../config/schema";
import { exampleInput } from "../helpers/synth";

type Mutation = (c: any) => void;

function rejectionOf(mutate: Mutation): ConfigError {
  const input = exampleInput() as any;
  mutate(input);
  try {
    validateConfig(input as ServiceLifecycleConfigInput, "config/environments/test.json");
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("the config was accepted");
}

describe("validateConfig", () => {
  test("accepts the committed example and fills the defaults", () => {
    // Act
    const config = validateConfig(exampleInput(), "example");

    // Assert
    expect(config.services.map((s) => s.name)).toEqual(["orders", "payments", "inventory"]);
    expect(config.services[2].healthCheck?.healthyThreshold).toBe(5);
    expect(config.services[1].listener).toEqual({ protocol: "HTTPS" });
    expect(config.automationMode).toBe("dry-run");
  });

  test("defaults automation to dry-run so nothing is changed before an operator opts in", () => {
    const input = exampleInput() as any;
    delete input.automationMode;
    expect(validateConfig(input, "x").automationMode).toBe("dry-run");
  });

  // Each case: what is broken, the field path the message must name, the bad
  // value it must show, and a phrase of the fix.
  const cases: [string, Mutation, string, string | undefined, string][] = [
    ["a short account id", (c) => (c.accountId = "12345"), "accountId", '"12345"', "12-digit"],
    ["a region that is no region code", (c) => (c.region = "Ireland"), "region", '"Ireland"', "eu-west-1"],
    ["an unknown state backend", (c) => (c.state.backend = "gcs"), "state.backend", '"gcs"', '"s3" or "cloud"'],
    ["a log retention CloudWatch does not offer", (c) => (c.logRetentionDays = 31), "logRetentionDays", "31", "one of 1, 3, 5"],
    ["a port out of range", (c) => (c.services[1].port = 70000), "services[1].port", "70000", "1 to 65535"],
    ["a misspelt field", (c) => (c.services[0].colour = "blue"), "services[0]", undefined, 'unknown field "colour"'],
    ["min above max", (c) => (c.services[0].scaling.min = 20), "services[0].scaling.min", "20", "make min <= max"],
    ["a duplicate service name", (c) => (c.services[2].name = "orders"), "services[2].name", '"orders"', "unique name"],
    ["a timeout not below the interval", (c) => (c.services[1].healthCheck.timeoutSeconds = 15), "services[1].healthCheck.timeoutSeconds", "15", "below healthCheck.intervalSeconds"],
    ["ECS-only IP targets on an Auto Scaling group", (c) => (c.services[0].compute = { type: "ec2-asg", autoScalingGroupName: "x" }), "services[0].compute", '{"type":"ec2-asg"', "IP target groups are filled by ECS tasks"],
    ["a health check on an ALB target group", (c) => Object.assign(c.services[0], { targetType: "ALB", albArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/0123456789abcdef" }), "services[0].healthCheck", '{"path":"/health"', "does not run health checks for ALB"],
    ["an error rate above 1", (c) => (c.services[0].health.maxErrorRate = 5), "services[0].health.maxErrorRate", "5", "fraction from 0 to 1"],
    ["an invalid e-mail", (c) => (c.notifications.emails = ["oncall"]), "notifications.emails[0]", '"oncall"', "e-mail address"],
    ["a service name that makes the Lattice name too long", (c) => (c.namePrefix = "acme-example-pro", c.services[0].name = "orders-and-refunds-europe"), "services[0].name", '"orders-and-refunds-europe"', "VPC Lattice allows 40"],
    ["an unknown automation mode", (c) => (c.automationMode = "auto"), "automationMode", '"auto"', '"enforce"'],
    ["two services scaling the same ECS service", (c) => (c.services[1].compute = { ...c.services[0].compute }), "services[1].compute", '{"type":"ecs"', "scale it against each other"],
    ["a missing compute when scaling is set", (c) => delete c.services[2].compute, "services[2].compute", undefined, "INSTANCE target groups are filled by an Auto Scaling group"],
    ["a reserved aws: tag", (c) => (c.tags["aws:owner"] = "me"), "tags.aws:owner", '"aws:owner"', "reserved by AWS"],
    ["a missing services list", (c) => delete c.services, "services", undefined, "is required"],
    ["a Terraform expression in a tag value", (c) => (c.tags.team = "${path.root}"), "tags.team", '"${path.root}"', "would evaluate as an expression"],
    ["a cdktf token in a health-check path", (c) => (c.services[0].healthCheck.path = "/h${TfToken[TOKEN.1]}"), "services[0].healthCheck.path", "TfToken", "Fix: use a literal value"],
    ["a prototype key in the tags", (c) => Object.defineProperty(c.tags, "__proto__", { value: "x", enumerable: true }), "tags.__proto__", undefined, '"__proto__" is not allowed as a key'],
    ["a Lambda ARN in no real region", (c) => Object.assign(c.services[0], { targetType: "LAMBDA", compute: undefined, scaling: undefined, healthCheck: undefined, vpcId: undefined, port: undefined, lambdaFunctionArn: "arn:aws:lambda:x:123456789012:function:f" }), "services[0].lambdaFunctionArn", '"arn:aws:lambda:x:', "name of at most 64 characters"],
    ["a state key prefix ending in a slash", (c) => (c.state.keyPrefix = "states/"), "state.keyPrefix", '"states/"', "none at either end"],
    ["a reserved bucket name prefix", (c) => (c.state.bucket = "xn--state"), "state.bucket", '"xn--state"', '"xn--" prefix'],
    ["a region outside the aws partition", (c) => (c.region = "cn-north-1"), "region", '"cn-north-1"', "China and GovCloud are not supported"],
    ["too many tags", (c) => { for (let i = 0; i < 49; i++) c.tags[`t${i}`] = "v"; }, "tags", '"51 tags"', "keep at most 48"],
    ["tag keys that differ only in case", (c) => (c.tags.Team = "x"), "tags.Team", '"Team"', 'differs from "team" only in case'],
    ["a tag the stacks set themselves", (c) => (c.tags["managed-by"] = "me"), "tags.managed-by", '"managed-by"', "set by the stacks themselves"],
    ["a tag value with characters AWS rejects", (c) => (c.tags.team = "a|b"), "tags.team", '"a|b"', "letters, digits, spaces and _ . : / = + - @"],
    ["a network that lets nobody call", (c) => (c.network.callers = { accounts: [], principalArns: [] }), "network.callers", '{"accounts":[]', "nobody could invoke any service"],
    ["service callers that name nobody", (c) => (c.services[1].callers = {}), "services[1].callers", "{", "nobody could invoke the service"],
    ["a duplicate e-mail address", (c) => (c.notifications.emails = ["a@example.com", "a@example.com"]), "notifications.emails[1]", '"a@example.com"', "list each address once"],
    ["a matcher range that runs backwards", (c) => (c.services[0].healthCheck.matcher = "299-200"), "services[0].healthCheck.matcher", '"299-200"', "write it as 200-299"],
    ["a Terraform Cloud host name with spaces", (c) => (c.state = { backend: "cloud", organization: "acme", workspacePrefix: "acme", hostname: "not a host" }), "state.hostname", '"not a host"', "lowercase host name"],
    ["an ALB target group without its load balancer", (c) => (c.services[0] = { ...c.services[0], targetType: "ALB", healthCheck: undefined }), "services[0].albArn", undefined, "is required for ALB target groups"],
    ["an IP service without a port", (c) => delete c.services[0].port, "services[0].port", undefined, "is required for IP target groups"],
    ["a fleet whose auto-scaler policy would exceed IAM's size limit", (c) => {
      const base = c.services[2];
      c.services = Array.from({ length: 100 }, (_, i) => ({ ...base, name: `inventory-${i}`, compute: { type: "ec2-asg", autoScalingGroupName: `acme-example-inventory-${i}` } }));
    }, "services", '"100 compute targets"', "IAM allows 10240"],
  ];

  test.each(cases)("rejects %s with the field, the value and a fix", (_what, mutate, path, value, fix) => {
    // Act
    const error = rejectionOf(mutate);

    // Assert
    const problem = error.problems.find((p) => p.path === path);
    expect(problem).toBeDefined();
    if (value !== undefined) expect(problem!.value).toContain(value);
    else expect(problem!.value).toBeUndefined();
    expect(problem!.message).toContain(fix);
    expect(problem!.message).toMatch(/Fix: /);
    expect(error.message).toContain(`${path}`);
  });

  // The health monitor's settings and thresholds: each bound, on both sides
  // where there are two. The message names the allowed range before its fix.
  const rangeCases: [string, Mutation, string, string, string][] = [
    ["a target share above 1", (c) => (c.services[0].health.minHealthyTargetShare = 1.5), "services[0].health.minHealthyTargetShare", "1.5", "<=1"],
    ["a negative target share", (c) => (c.services[0].health.minHealthyTargetShare = -0.1), "services[0].health.minHealthyTargetShare", "-0.1", ">=0"],
    ["zero consecutive checks", (c) => (c.services[0].health.consecutiveChecks = 0), "services[0].health.consecutiveChecks", "0", ">=1"],
    ["more than 20 consecutive checks", (c) => (c.services[0].health.consecutiveChecks = 21), "services[0].health.consecutiveChecks", "21", "<=20"],
    ["a fractional count of consecutive checks", (c) => (c.services[0].health.consecutiveChecks = 2.5), "services[0].health.consecutiveChecks", "2.5", "expected int"],
    ["a negative topology cache", (c) => (c.healthCheck.topologyCacheMinutes = -1), "healthCheck.topologyCacheMinutes", "-1", ">=0"],
    ["a topology cache longer than a day", (c) => (c.healthCheck.topologyCacheMinutes = 1441), "healthCheck.topologyCacheMinutes", "1441", "<=1440"],
    ["no concurrency", (c) => (c.healthCheck.concurrency = 0), "healthCheck.concurrency", "0", ">=1"],
    ["a concurrency above 50", (c) => (c.healthCheck.concurrency = 51), "healthCheck.concurrency", "51", "<=50"],
    ["a state kept for no day", (c) => (c.healthCheck.stateRetentionDays = 0), "healthCheck.stateRetentionDays", "0", ">=1"],
    ["a state kept longer than a year", (c) => (c.healthCheck.stateRetentionDays = 366), "healthCheck.stateRetentionDays", "366", "<=365"],
    ["a default error rate above 1", (c) => (c.healthCheck.defaultHealth.maxErrorRate = 2), "healthCheck.defaultHealth.maxErrorRate", "2", "<=1"],
    ["a default target share above 1", (c) => (c.healthCheck.defaultHealth.minHealthyTargetShare = 5), "healthCheck.defaultHealth.minHealthyTargetShare", "5", "<=1"],
    ["zero default consecutive checks", (c) => (c.healthCheck.defaultHealth.consecutiveChecks = 0), "healthCheck.defaultHealth.consecutiveChecks", "0", ">=1"],
  ];

  test.each(rangeCases)("rejects %s with the field, the value and the allowed range", (_what, mutate, path, value, range) => {
    // Act
    const error = rejectionOf(mutate);

    // Assert
    const problem = error.problems.find((p) => p.path === path);
    expect(problem).toBeDefined();
    expect(problem!.value).toBe(value);
    expect(problem!.message).toContain(range);
    const hint = FIELD_HINTS[path.replace(/\[\d+\]/g, "[]")];
    expect(hint).toBeDefined();
    expect(problem!.message).toContain(`Fix: ${hint}`);
    expect(error.problems).toHaveLength(1);
  });

  test("rejects a state retention shorter than three runs, naming the rate and the fix", () => {
    const error = rejectionOf((c) => Object.assign(c.healthCheck, { rateMinutes: 1440, stateRetentionDays: 2 }));
    expect(error.problems).toEqual([
      expect.objectContaining({
        path: "healthCheck.stateRetentionDays",
        value: "2",
        message: expect.stringContaining("less than 3 runs of rateMinutes 1440"),
      }),
    ]);
    expect(error.problems[0].message).toContain("Fix: set stateRetentionDays to at least 3.");
    expect(() => validateConfig(Object.assign(exampleInput(), { healthCheck: { rateMinutes: 1440, stateRetentionDays: 3 } }), "x")).not.toThrow();
  });

  test("points a threshold put in a service's target health check to its health object", () => {
    const error = rejectionOf((c) => (c.services[0].healthCheck.consecutiveChecks = 3));
    expect(error.problems).toEqual([
      expect.objectContaining({
        path: "services[0].healthCheck",
        message: expect.stringContaining('unknown field "consecutiveChecks". Fix: move it to services[0].health;'),
      }),
    ]);
  });

  test("points a threshold put in the top-level healthCheck to defaultHealth", () => {
    const error = rejectionOf((c) => (c.healthCheck.maxErrorRate = 0.1));
    expect(error.problems[0].message).toContain("Fix: move it to healthCheck.defaultHealth");
  });

  test("rejects a misspelt default threshold with its name and a fix", () => {
    const error = rejectionOf((c) => (c.healthCheck.defaultHealth.maxErrors = 0.1));
    expect(error.problems).toEqual([
      expect.objectContaining({ path: "healthCheck.defaultHealth", message: expect.stringContaining('unknown field "maxErrors"') }),
    ]);
    expect(error.problems[0].message).toContain("Fix: remove it or fix its spelling");
  });

  test("accepts the bounds of the health monitor's settings", () => {
    // Arrange
    const input = exampleInput() as any;
    Object.assign(input.healthCheck, { topologyCacheMinutes: 0, concurrency: 50, stateRetentionDays: 365 });
    Object.assign(input.services[0].health, { minHealthyTargetShare: 0, consecutiveChecks: 20 });
    Object.assign(input.services[1].health, { minHealthyTargetShare: 1, consecutiveChecks: 1 });

    // Act
    const config = validateConfig(input, "x");

    // Assert
    expect(config.healthCheck).toMatchObject({ topologyCacheMinutes: 0, concurrency: 50, stateRetentionDays: 365 });
    expect(config.services[0].health).toMatchObject({ minHealthyTargetShare: 0, consecutiveChecks: 20 });
    expect(config.services[1].health).toMatchObject({ minHealthyTargetShare: 1, consecutiveChecks: 1 });
  });

  test("fills the health monitor's settings with their documented defaults", () => {
    // Arrange
    const input = exampleInput() as any;
    delete input.healthCheck;

    // Act
    const config = validateConfig(input, "x");

    // Assert
    expect(config.healthCheck).toEqual({
      rateMinutes: 5,
      windowMinutes: 5,
      topologyCacheMinutes: 60,
      targetRefreshChecks: 2,
      concurrency: 10,
      stateRetentionDays: 14,
      defaultHealth: { maxErrorRate: 0.05, maxP99LatencyMs: 2000, minRequests: 20, minHealthyTargetShare: 0.5, consecutiveChecks: 2 },
    });
  });

  test("fills each threshold a service or the defaults leave out, one by one", () => {
    // Arrange
    const input = exampleInput() as any;
    input.healthCheck = { rateMinutes: 5, defaultHealth: { maxErrorRate: 0.1 } };
    delete input.services[2].health;

    // Act
    const config = validateConfig(input, "x");

    // Assert
    expect(config.healthCheck.defaultHealth).toEqual({ maxErrorRate: 0.1, maxP99LatencyMs: 2000, minRequests: 20, minHealthyTargetShare: 0.5, consecutiveChecks: 2 });
    expect(config.services[0].health).toEqual({ maxErrorRate: 0.02, maxP99LatencyMs: 800, minRequests: 50, minHealthyTargetShare: 0.75, consecutiveChecks: 3 });
    expect(config.services[1].health).toEqual({ maxErrorRate: 0.01, maxP99LatencyMs: 1200, minRequests: 20, minHealthyTargetShare: 0.5, consecutiveChecks: 2 });
    expect(config.services[2].health).toEqual({ maxErrorRate: 0.05, maxP99LatencyMs: 2000, minRequests: 20, minHealthyTargetShare: 0.5, consecutiveChecks: 2 });
  });

  test("gives every rejection its own message line", () => {
    const messages = cases.map(([, mutate, path]) => {
      const problem = rejectionOf(mutate).problems.find((p) => p.path === path)!;
      return `${problem.path} ${problem.value} ${problem.message}`;
    });
    expect(messages.filter((m, i) => messages.indexOf(m) !== i)).toEqual([]);
  });

  test("reports a service's own rule violations even when another section is invalid", () => {
    // Act
    const error = rejectionOf((c) => {
      c.state = { backend: "cloud", workspacePrefix: "acme" };
      c.services[2].compute = { type: "ecs", clusterName: "c", serviceName: "s" };
    });

    // Assert
    expect(error.problems.map((p) => p.path)).toEqual(["state.organization", "services[2].compute"]);
  });

  test("reports a value the guard rejects once, not again for its format", () => {
    const error = rejectionOf((c) => (c.tags.team = "${path.root}"));
    expect(error.problems.filter((p) => p.path === "tags.team")).toHaveLength(1);
  });

  test("treats e-mail addresses that differ only in case as the same", () => {
    const error = rejectionOf((c) => (c.notifications.emails = ["oncall@example.com", "OnCall@Example.com"]));
    expect(error.problems).toEqual([expect.objectContaining({ path: "notifications.emails[1]", message: expect.stringMatching(/listed twice/) })]);
  });

  test("reports every problem of a file at once", () => {
    // Act
    const error = rejectionOf((c) => {
      c.accountId = "1";
      c.services[0].port = 0;
      c.logRetentionDays = 2;
    });

    // Assert
    expect(error.problems.map((p) => p.path)).toEqual(["accountId", "logRetentionDays", "services[0].port"]);
    expect(error.message).toMatch(/^Invalid config config\/environments\/test.json \(3 problems\); nothing was synthesized:/);
  });
});
