/**
 * Alarms that page the notification topic: any handler error, and any
 * message waiting in a dead-letter queue.
 */
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";

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
  }
}
