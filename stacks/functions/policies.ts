/**
 * The exact AWS calls each handler makes, as IAM statements. Resources are
 * scoped wherever the API allows it (see the Service Authorization
 * Reference); the few `*` resources are calls without resource-level
 * permissions, narrowed by a condition where one exists.
 */
import { DETAIL_TYPES, EVENT_SOURCES } from "../../lambdas/shared/events";
import { latticeArn, type Place } from "../shared/arn";
import type { PolicyStatement } from "../shared/iam";

/** What every handler may do: write its own logs and dead-letter its failed invocations. */
export function handlerBaseStatements(logGroupArn: string, deadLetterQueueArn: string): PolicyStatement[] {
  return [
    {
      Sid: "WriteOwnLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: `${logGroupArn}:*`,
    },
    { Sid: "SendFailedInvocations", Effect: "Allow", Action: "sqs:SendMessage", Resource: deadLetterQueueArn },
  ];
}

/** PutEvents on the bus, only with the handler's own `source` (and, when given, only these detail types). */
function putEvents(busArn: string, source: string, detailTypes?: readonly string[]): PolicyStatement {
  const only: Record<string, string | string[]> = { "events:source": source };
  if (detailTypes) only["events:detail-type"] = [...detailTypes];
  return {
    Sid: "PublishLifecycleEvents",
    Effect: "Allow",
    Action: "events:PutEvents",
    Resource: busArn,
    Condition: { StringEquals: only },
  };
}

/** Partition keys of the health monitor's rows in the state table: `health#<serviceId>`. */
export const HEALTH_STATE_KEY_PATTERN = "health#*";

/** Partition keys of the auto-scaler's cooldown rows: `scaling#<configured service name>`. */
export const SCALING_STATE_KEY_PATTERN = "scaling#*";

export interface HealthMonitorGrants {
  readonly busArn: string;
  readonly serviceNetworkArn: string;
  /** The state table, where the monitor keeps each service's last verdict. */
  readonly tableArn: string;
  /**
   * Account and region whose Lattice listeners, rules and target groups the
   * monitor may read: the deployment's own. Services that other accounts share
   * into the network stay out of reach; their reads are denied and the
   * monitor reports them `unknown`.
   */
  readonly place: Place;
}

/**
 * List the network's services, read each one's routing (listeners, rules),
 * target health and metrics, keep verdicts in the state table, publish
 * health events. Lattice reads take any service, listener, rule and target
 * group of the deployment's account and region, since the monitor also checks
 * services in the network that the config does not declare.
 */
export function healthMonitorStatements(g: HealthMonitorGrants): PolicyStatement[] {
  return [
    {
      Sid: "ListNetworkServices",
      Effect: "Allow",
      Action: "vpc-lattice:ListServiceNetworkServiceAssociations",
      Resource: "*",
      Condition: { StringEquals: { "vpc-lattice:ServiceNetworkArn": g.serviceNetworkArn } },
    },
    // No resource-level permissions for these two (SAR): `*` is the only option.
    { Sid: "ListServiceRouting", Effect: "Allow", Action: ["vpc-lattice:ListListeners", "vpc-lattice:ListRules"], Resource: "*" },
    { Sid: "ReadListeners", Effect: "Allow", Action: "vpc-lattice:GetListener", Resource: latticeArn(g.place, "service/*/listener/*") },
    { Sid: "ReadRules", Effect: "Allow", Action: "vpc-lattice:GetRule", Resource: latticeArn(g.place, "service/*/listener/*/rule/*") },
    { Sid: "ReadTargetHealth", Effect: "Allow", Action: "vpc-lattice:ListTargets", Resource: latticeArn(g.place, "targetgroup/*") },
    { Sid: "ReadServiceMetrics", Effect: "Allow", Action: "cloudwatch:GetMetricData", Resource: "*" },
    {
      Sid: "KeepHealthState",
      Effect: "Allow",
      Action: ["dynamodb:BatchGetItem", "dynamodb:PutItem"],
      Resource: g.tableArn,
      // Only its own rows: the auto-scaler's cooldown rows stay out of reach.
      Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [HEALTH_STATE_KEY_PATTERN] } },
    },
    putEvents(g.busArn, EVENT_SOURCES.healthMonitor, [DETAIL_TYPES.healthCheck, DETAIL_TYPES.healthChanged]),
  ];
}

export interface AutoScalerGrants {
  readonly busArn: string;
  readonly tableArn: string;
  /** ARNs of the configured ECS services. */
  readonly ecsServiceArns: readonly string[];
  /** ARNs (with a wildcard UUID) of the configured Auto Scaling groups. */
  readonly autoScalingGroupArns: readonly string[];
}

/** Read and set the desired count of the configured compute, keep cooldowns, publish decisions. */
export function autoScalerStatements(g: AutoScalerGrants): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  if (g.ecsServiceArns.length > 0) {
    statements.push({
      Sid: "ScaleEcsServices",
      Effect: "Allow",
      Action: ["ecs:DescribeServices", "ecs:UpdateService"],
      Resource: [...g.ecsServiceArns],
    });
  }
  if (g.autoScalingGroupArns.length > 0) {
    statements.push(
      { Sid: "DescribeAutoScalingGroups", Effect: "Allow", Action: "autoscaling:DescribeAutoScalingGroups", Resource: "*" },
      {
        Sid: "ScaleAutoScalingGroups",
        Effect: "Allow",
        Action: "autoscaling:SetDesiredCapacity",
        Resource: [...g.autoScalingGroupArns],
      },
    );
  }
  statements.push(
    {
      Sid: "KeepCooldowns",
      Effect: "Allow",
      Action: "dynamodb:PutItem",
      Resource: g.tableArn,
      // Only its own rows: the health monitor's verdicts stay out of reach.
      Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [SCALING_STATE_KEY_PATTERN] } },
    },
    putEvents(g.busArn, EVENT_SOURCES.autoScaler),
  );
  return statements;
}

export interface DeploymentHandlerGrants {
  readonly busArn: string;
  readonly ecsServiceArns: readonly string[];
}

/** Read the deployed task definition of the configured ECS services, publish deployment events. */
export function deploymentHandlerStatements(g: DeploymentHandlerGrants): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  if (g.ecsServiceArns.length > 0) {
    statements.push({
      Sid: "DescribeEcsServices",
      Effect: "Allow",
      Action: "ecs:DescribeServices",
      Resource: [...g.ecsServiceArns],
    });
  }
  statements.push(putEvents(g.busArn, EVENT_SOURCES.deploymentHandler));
  return statements;
}
