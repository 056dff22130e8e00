/**
 * One EventBridge rule with one target: a Lambda function or an SNS topic.
 * The target always has a retry policy and a dead-letter queue; a target on a
 * custom bus names that bus; a Lambda permission's `source_arn` is the rule's
 * own ARN attribute.
 */
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { Construct } from "constructs";
import type { DeadLetterQueue } from "./dead-letter-queue";
import type { EventPattern } from "./patterns";

export type RouteTarget =
  | { readonly kind: "lambda"; readonly function: LambdaFunction }
  | { readonly kind: "sns"; readonly topicArn: string };

export interface RetryPolicy {
  /** Seconds after which an undelivered event goes to the dead-letter queue (60-86400). */
  readonly maximumEventAgeSeconds: number;
  /** Delivery attempts after the first (0-185). */
  readonly maximumRetryAttempts: number;
}

/** One hour and 8 retries: long enough for a throttled function, short enough to stay relevant. */
export const DEFAULT_RETRY: RetryPolicy = { maximumEventAgeSeconds: 3600, maximumRetryAttempts: 8 };

export interface EventRouteProps {
  readonly ruleName: string;
  readonly description: string;
  /**
   * Bus the rule listens on.
   * @default the account's default bus (where AWS services send their events)
   */
  readonly eventBusName?: string;
  readonly eventPattern: EventPattern;
  readonly target: RouteTarget;
  /** Where events go that could not be delivered. */
  readonly deadLetterQueue: DeadLetterQueue;
  /** @default DEFAULT_RETRY */
  readonly retry?: RetryPolicy;
}

export class EventRoute extends Construct {
  readonly rule: CloudwatchEventRule;
  readonly target: CloudwatchEventTarget;

  constructor(scope: Construct, id: string, props: EventRouteProps) {
    super(scope, id);
    const retry = props.retry ?? DEFAULT_RETRY;

    this.rule = new CloudwatchEventRule(this, "rule", {
      name: props.ruleName,
      description: props.description,
      eventBusName: props.eventBusName,
      eventPattern: JSON.stringify(props.eventPattern),
    });
    const arn = props.target.kind === "lambda" ? props.target.function.arn : props.target.topicArn;
    this.target = new CloudwatchEventTarget(this, "target", {
      rule: this.rule.name,
      eventBusName: props.eventBusName,
      targetId: props.target.kind,
      arn,
      retryPolicy: {
        maximumEventAgeInSeconds: retry.maximumEventAgeSeconds,
        maximumRetryAttempts: retry.maximumRetryAttempts,
      },
      deadLetterConfig: { arn: props.deadLetterQueue.queue.arn },
    });
    props.deadLetterQueue.allowEventBridgeSource(this.rule.arn);

    if (props.target.kind === "lambda") {
      new LambdaPermission(this, "permission", {
        statementId: `AllowEventBridge-${props.ruleName}`.slice(0, 100),
        action: "lambda:InvokeFunction",
        functionName: props.target.function.functionName,
        principal: "events.amazonaws.com",
        sourceArn: this.rule.arn,
      });
    }
  }
}
