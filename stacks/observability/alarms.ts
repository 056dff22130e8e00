/**
 * Alarms that page the notification topic: any handler error, any message
 * waiting in a dead-letter queue, and a health monitor that keeps failing to
 * check some service.
 */
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import { RUN_METRICS } from "../../lambdas/health-monitor/run-metric-names";
import type { RunMetricsPlace } from "./run-metrics";

/**
 * Runs in a row that must each fail to check at least one service before the
 * service-failures alarm fires: one failed run (a throttled or slow API) is
 * not worth a page, three in a row (15 minutes at the default rate) is a
 * lasting problem such as a missing permission or a deleted target group.
 * One period is one schedule period, so three periods stay within
 * CloudWatch's limit on every allowed rate (one day for periods under an
 * hour, seven days otherwise; the longest here is 3 x 1440 minutes).
 */
export const SERVICE_FAILURE_RUNS = 3;

export interface AlarmedFunction {
  /** Short name used in the alarm name, e.g. `health-monitor`. */
  readonly id: string;
  readonly functionName: string;
}

export interface AlarmedQueue {
  readonly id: string;
  readonly queueName: string;
}

export interface LifecycleAlarmsProps {
  readonly prefix: string;
  readonly topicArn: string;
  readonly functions: readonly AlarmedFunction[];
  readonly queues: readonly AlarmedQueue[];
  /** Where the health monitor's run metrics are. */
  readonly runMetrics: RunMetricsPlace;
}

export class LifecycleAlarms extends Construct {
  readonly alarms: CloudwatchMetricAlarm[] = [];

  constructor(scope: Construct, id: string, props: LifecycleAlarmsProps) {
    super(scope, id);
    const actions = { alarmActions: [props.topicArn], okActions: [props.topicArn] };

    for (const fn of props.functions) {
      this.alarms.push(
        new CloudwatchMetricAlarm(this, `${fn.id}-errors`, {
          alarmName: `${props.prefix}-${fn.id}-errors`,
          alarmDescription: `${fn.functionName} failed at least once in 5 minutes`,
          namespace: "AWS/Lambda",
          metricName: "Errors",
          dimensions: { FunctionName: fn.functionName },
          statistic: "Sum",
          period: 300,
          evaluationPeriods: 1,
          threshold: 0,
          comparisonOperator: "GreaterThanThreshold",
          treatMissingData: "notBreaching",
          ...actions,
        }),
      );
    }
    for (const q of props.queues) {
      this.alarms.push(
        new CloudwatchMetricAlarm(this, `${q.id}-depth`, {
          alarmName: `${props.prefix}-${q.id}-dead-letters`,
          alarmDescription: `${q.queueName} holds messages that were not delivered or processed`,
          namespace: "AWS/SQS",
          metricName: "ApproximateNumberOfMessagesVisible",
          dimensions: { QueueName: q.queueName },
          statistic: "Maximum",
          period: 300,
          evaluationPeriods: 1,
          threshold: 0,
          comparisonOperator: "GreaterThanThreshold",
          treatMissingData: "notBreaching",
          ...actions,
        }),
      );
    }
    const runs = props.runMetrics;
    this.alarms.push(
      new CloudwatchMetricAlarm(this, "health-monitor-service-failures", {
        alarmName: `${props.prefix}-health-monitor-service-failures`,
        alarmDescription: `The health monitor could not check at least one service in ${SERVICE_FAILURE_RUNS} runs in a row; see its WARN and ERROR logs`,
        namespace: runs.namespace,
        metricName: RUN_METRICS.serviceFailures,
        dimensions: { service: runs.service },
        statistic: "Sum",
        period: runs.periodSeconds,
        evaluationPeriods: SERVICE_FAILURE_RUNS,
        datapointsToAlarm: SERVICE_FAILURE_RUNS,
        threshold: 0,
        comparisonOperator: "GreaterThanThreshold",
        // No data means no finished run: crashed runs and undelivered schedules raise the error and dead-letter alarms.
        treatMissingData: "notBreaching",
        ...actions,
      }),
    );
  }
}
