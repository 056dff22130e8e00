/**
 * The notification topic: SNS encrypted with a customer-managed KMS key
 * (EventBridge and CloudWatch cannot publish to a topic encrypted with the
 * AWS-managed `aws/sns` key), e-mail subscriptions, and a topic policy that
 * admits exactly the lifecycle rules and this account's alarms.
 */
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { policyDocument } from "../shared/iam";

export interface NotificationsProps {
  readonly topicName: string;
  readonly accountId: string;
  readonly region: string;
  /**
   * Addresses subscribed to the topic; each must confirm the e-mail AWS sends.
   * @default none
   */
  readonly emails?: readonly string[];
}

export class Notifications extends Construct {
  readonly topic: SnsTopic;
  readonly key: KmsKey;
  private readonly ruleArns: string[] = [];
  private readonly props: NotificationsProps;

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    this.props = props;
    const emails = props.emails ?? [];

    this.key = new KmsKey(this, "key", {
      description: `Encrypts the ${props.topicName} topic`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyDocument([
        {
          Sid: "AccountAdministers",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${props.accountId}:root` },
          Action: "kms:*",
          Resource: "*",
        },
        {
          Sid: "PublishersEncrypt",
          Effect: "Allow",
          Principal: { Service: ["events.amazonaws.com", "cloudwatch.amazonaws.com"] },
          Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
          Resource: "*",
          Condition: { StringEquals: { "aws:SourceAccount": props.accountId } },
        },
      ]),
    });
    new KmsAlias(this, "alias", { name: `alias/${props.topicName}`, targetKeyId: this.key.keyId });

    this.topic = new SnsTopic(this, "topic", {
      name: props.topicName,
      kmsMasterKeyId: this.key.arn,
    });
    new SnsTopicPolicy(this, "policy", {
      arn: this.topic.arn,
      policy: Lazy.stringValue({ produce: () => this.renderPolicy() }),
    });
    emails.forEach((email, i) => {
      new SnsTopicSubscription(this, `email-${i}`, {
        topicArn: this.topic.arn,
        protocol: "email",
        endpoint: email,
      });
    });
  }

  /** Lets this EventBridge rule publish to the topic. */
  allowEventRule(ruleArn: string): void {
    this.ruleArns.push(ruleArn);
  }

  private renderPolicy(): string {
    const { accountId, region } = this.props;
    return policyDocument([
      ...(this.ruleArns.length > 0
        ? [
            {
              Sid: "LifecycleRulesPublish",
              Effect: "Allow" as const,
              Principal: { Service: "events.amazonaws.com" },
              Action: "sns:Publish",
              Resource: this.topic.arn,
              Condition: { ArnEquals: { "aws:SourceArn": [...this.ruleArns] } },
            },
          ]
        : []),
      {
        Sid: "AlarmsPublish",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: "sns:Publish",
        Resource: this.topic.arn,
        Condition: { ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:${region}:${accountId}:alarm:*` } },
      },
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "sns:Publish",
        Resource: this.topic.arn,
        Condition: { Bool: { "aws:SecureTransport": false } },
      },
    ]);
  }
}
