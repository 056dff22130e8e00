/**
 * The exact AWS calls each handler makes, as IAM statements. Resources are
 * scoped wherever the API allows it (see the Service Authorization
 * Reference); the few `*` resources are calls without resource-level
 * permissions, narrowed by a condition where one exists.
 */
import { EVENT_SOURCES } from "../../lambdas/shared/events";
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

function putEvents(busArn: string, source: string): PolicyStatement {
  return {
    Sid: "PublishLifecycleEvents",
    Effect: "Allow",
    Action: "events:PutEvents",
    Resource: busArn,
    Condition: { StringEquals: { "events:source": source } },
  };
}

export interface HealthMonitorGrants {
  readonly busArn: string;
  readonly serviceNetworkArn: string;
}

/** List the network's services, read their metrics, publish health events. */
export function healthMonitorStatements(g: HealthMonitorGrants): PolicyStatement[] {
  return [
    {
      Sid: "ListNetworkServices",
      Effect: "Allow",
      Action: "vpc-lattice:ListServiceNetworkServiceAssociations",
      Resource: "*",
      Condition: { StringEquals: { "vpc-lattice:ServiceNetworkArn": g.serviceNetworkArn } },
    },
    { Sid: "ReadServiceMetrics", Effect: "Allow", Action: "cloudwatch:GetMetricData", Resource: "*" },
    putEvents(g.busArn, EVENT_SOURCES.healthMonitor),
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
    { Sid: "KeepCooldowns", Effect: "Allow", Action: "dynamodb:PutItem", Resource: g.tableArn },
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
