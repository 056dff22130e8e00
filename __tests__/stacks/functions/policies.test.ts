import { HEALTH_KEY_PREFIX } from "../../../lambdas/health-monitor/state/store";
import { DETAIL_TYPES, EVENT_SOURCES } from "../../../lambdas/shared/events";
import { HEALTH_STATE_KEY_PATTERN, SCALING_STATE_KEY_PATTERN, autoScalerStatements, healthMonitorStatements } from "../../../stacks/functions/policies";
import { cooldownKey } from "../../../lambdas/auto-scaler/cooldown";
import type { PolicyStatement } from "../../../stacks/shared/iam";

const grants = {
  busArn: "arn:aws:events:eu-west-1:123456789012:event-bus/acme-lifecycle",
  serviceNetworkArn: "arn:aws:vpc-lattice:eu-west-1:123456789012:servicenetwork/sn-0123456789abcdef0",
  tableArn: "arn:aws:dynamodb:eu-west-1:123456789012:table/acme-lifecycle-state",
  place: { accountId: "123456789012", region: "eu-west-1" },
};

const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

describe("healthMonitorStatements", () => {
  const statements = healthMonitorStatements(grants);
  const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s])) as Record<string, PolicyStatement>;

  test("grants exactly the calls the monitor makes, one statement per scope", () => {
    const actions = statements.flatMap((s) => asList(s.Action)).sort();
    expect(actions).toEqual([
      "cloudwatch:GetMetricData",
      "dynamodb:BatchGetItem",
      "dynamodb:PutItem",
      "events:PutEvents",
      "vpc-lattice:GetListener",
      "vpc-lattice:GetRule",
      "vpc-lattice:ListListeners",
      "vpc-lattice:ListRules",
      "vpc-lattice:ListServiceNetworkServiceAssociations",
      "vpc-lattice:ListTargets",
    ]);
    expect(new Set(statements.map((s) => s.Sid)).size).toBe(statements.length);
    expect(statements.every((s) => s.Effect === "Allow")).toBe(true);
  });

  test("lists only the associations of its own service network", () => {
    expect(bySid.ListNetworkServices).toEqual({
      Sid: "ListNetworkServices",
      Effect: "Allow",
      Action: "vpc-lattice:ListServiceNetworkServiceAssociations",
      Resource: "*",
      Condition: { StringEquals: { "vpc-lattice:ServiceNetworkArn": grants.serviceNetworkArn } },
    });
  });

  test("lists listeners and rules on every resource, the only scope those calls accept", () => {
    expect(bySid.ListServiceRouting.Action).toEqual(["vpc-lattice:ListListeners", "vpc-lattice:ListRules"]);
    expect(bySid.ListServiceRouting.Resource).toBe("*");
    expect(bySid.ListServiceRouting.Condition).toBeUndefined();
  });

  test("reads listeners, rules and target groups of the deployment's own account and region only", () => {
    expect(bySid.ReadListeners).toMatchObject({
      Action: "vpc-lattice:GetListener",
      Resource: "arn:aws:vpc-lattice:eu-west-1:123456789012:service/*/listener/*",
    });
    expect(bySid.ReadRules).toMatchObject({
      Action: "vpc-lattice:GetRule",
      Resource: "arn:aws:vpc-lattice:eu-west-1:123456789012:service/*/listener/*/rule/*",
    });
    expect(bySid.ReadTargetHealth).toMatchObject({
      Action: "vpc-lattice:ListTargets",
      Resource: "arn:aws:vpc-lattice:eu-west-1:123456789012:targetgroup/*",
    });
  });

  test("reads metrics with GetMetricData only, and never writes metrics", () => {
    expect(bySid.ReadServiceMetrics).toMatchObject({ Action: "cloudwatch:GetMetricData", Resource: "*" });
    expect(statements.flatMap((s) => asList(s.Action))).not.toContain("cloudwatch:PutMetricData");
  });

  test("reads and writes only its own health rows of the state table", () => {
    expect(bySid.KeepHealthState).toEqual({
      Sid: "KeepHealthState",
      Effect: "Allow",
      Action: ["dynamodb:BatchGetItem", "dynamodb:PutItem"],
      Resource: grants.tableArn,
      Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["health#*"] } },
    });
  });

  test("matches the key prefix the monitor writes", () => {
    expect(HEALTH_STATE_KEY_PATTERN).toBe(`${HEALTH_KEY_PREFIX}*`);
  });

  test("publishes to the bus only as the health monitor, and only its two detail types", () => {
    expect(bySid.PublishLifecycleEvents).toEqual({
      Sid: "PublishLifecycleEvents",
      Effect: "Allow",
      Action: "events:PutEvents",
      Resource: grants.busArn,
      Condition: {
        StringEquals: {
          "events:source": EVENT_SOURCES.healthMonitor,
          "events:detail-type": [DETAIL_TYPES.healthCheck, DETAIL_TYPES.healthChanged],
        },
      },
    });
    expect(DETAIL_TYPES.healthChanged).toBe("Service Health Changed");
  });

  test("uses no wildcard action", () => {
    for (const action of statements.flatMap((s) => asList(s.Action))) expect(action).not.toMatch(/\*/);
  });
});

describe("autoScalerStatements", () => {
  const statements = autoScalerStatements({
    busArn: "arn:aws:events:eu-west-1:123456789012:event-bus/acme-lifecycle",
    tableArn: "arn:aws:dynamodb:eu-west-1:123456789012:table/acme-state",
    ecsServiceArns: ["arn:aws:ecs:eu-west-1:123456789012:service/acme/orders"],
    autoScalingGroupArns: [],
  });
  const cooldowns = statements.find((s) => s.Sid === "KeepCooldowns");

  test("writes only its own cooldown rows of the state table", () => {
    expect(cooldowns).toEqual({
      Sid: "KeepCooldowns",
      Effect: "Allow",
      Action: "dynamodb:PutItem",
      Resource: "arn:aws:dynamodb:eu-west-1:123456789012:table/acme-state",
      Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["scaling#*"] } },
    });
  });

  test("matches the key the auto-scaler writes", () => {
    expect(cooldownKey("orders").startsWith(SCALING_STATE_KEY_PATTERN.slice(0, -1))).toBe(true);
  });
});
