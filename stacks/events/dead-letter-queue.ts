/**
 * An encrypted SQS queue that catches what could not be delivered or
 * processed, kept for the maximum 14 days so that an operator can inspect
 * and redrive it.
 */
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { policyDocument } from "../shared/iam";

/** Fourteen days, the longest SQS keeps a message. */
export const DLQ_RETENTION_SECONDS = 1_209_600;

export interface DeadLetterQueueProps {
  readonly queueName: string;
}

export class DeadLetterQueue extends Construct {
  readonly queue: SqsQueue;
  private readonly eventSourceArns: string[] = [];

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.queue = new SqsQueue(this, "queue", {
      name: props.queueName,
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: DLQ_RETENTION_SECONDS,
    });
  }

  /**
   * Lets EventBridge send undeliverable events from this rule or schedule.
   * The queue policy is written once, at synth, with every ARN added here.
   */
  allowEventBridgeSource(sourceArn: string): void {
    if (this.eventSourceArns.length === 0) {
      new SqsQueuePolicy(this, "policy", {
        queueUrl: this.queue.url,
        policy: Lazy.stringValue({ produce: () => this.renderPolicy() }),
      });
    }
    this.eventSourceArns.push(sourceArn);
  }

  private renderPolicy(): string {
    return policyDocument([
      {
        Sid: "AllowEventBridgeDeadLetters",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: this.queue.arn,
        Condition: { ArnEquals: { "aws:SourceArn": [...this.eventSourceArns] } },
      },
    ]);
  }
}
