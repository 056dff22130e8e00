/**
 * Runs the health monitor every few minutes with EventBridge Scheduler.
 * (A `schedule_expression` rule would have to live on the default bus, since
 * EventBridge runs schedules only there; Scheduler is AWS's recommended way.)
 * Scheduler invokes through its own role, so no Lambda permission is needed.
 */
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { SchedulerSchedule } from "@cdktf/provider-aws/lib/scheduler-schedule";
import { Construct } from "constructs";
import { assumeRolePolicy, policyDocument } from "../shared/iam";
import type { DeadLetterQueue } from "./dead-letter-queue";

export interface HealthScheduleProps {
  readonly scheduleName: string;
  readonly accountId: string;
  /** Minutes between runs (1-1440). */
  readonly rateMinutes: number;
  readonly target: LambdaFunction;
  readonly deadLetterQueue: DeadLetterQueue;
}

/** The longest one health check may run, in seconds. */
export const MAX_RUN_SECONDS = 120;

/**
 * Timeout of the health monitor: `MAX_RUN_SECONDS`, cut to one schedule
 * period (60 s at `rateMinutes` 1), so that a slow run is stopped by the time
 * the next one is due instead of running next to it.
 */
export function runTimeoutSeconds(rateMinutes: number): number {
  return Math.min(MAX_RUN_SECONDS, rateMinutes * 60);
}

/** `rate(1 minute)` or `rate(N minutes)`. */
export function rateExpression(minutes: number): string {
  return `rate(${minutes} ${minutes === 1 ? "minute" : "minutes"})`;
}

export class HealthSchedule extends Construct {
  readonly schedule: SchedulerSchedule;
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: HealthScheduleProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", {
      name: props.scheduleName,
      description: `Lets EventBridge Scheduler run ${props.scheduleName}`,
      assumeRolePolicy: assumeRolePolicy("scheduler.amazonaws.com", props.accountId),
    });
    const policy = new IamRolePolicy(this, "policy", {
      name: "invoke-health-monitor",
      role: this.role.id,
      policy: policyDocument([
        { Sid: "InvokeHealthMonitor", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: props.target.arn },
        { Sid: "SendUndelivered", Effect: "Allow", Action: "sqs:SendMessage", Resource: props.deadLetterQueue.queue.arn },
      ]),
    });

    // A check older than one period is superseded by the next one: drop it then.
    const maxAge = Math.max(60, props.rateMinutes * 60);
    this.schedule = new SchedulerSchedule(this, "schedule", {
      name: props.scheduleName,
      description: "Periodic health check of every service in the network",
      scheduleExpression: rateExpression(props.rateMinutes),
      flexibleTimeWindow: { mode: "OFF" },
      state: "ENABLED",
      target: {
        arn: props.target.arn,
        roleArn: this.role.arn,
        input: JSON.stringify({ trigger: "schedule" }),
        retryPolicy: { maximumEventAgeInSeconds: maxAge, maximumRetryAttempts: 2 },
        deadLetterConfig: { arn: props.deadLetterQueue.queue.arn },
      },
      dependsOn: [policy],
    });
  }
}
