/**
 * The custom event bus that carries lifecycle events, with an archive so
 * events can be replayed after a handler fix.
 */
import { CloudwatchEventArchive } from "@cdktf/provider-aws/lib/cloudwatch-event-archive";
import { CloudwatchEventBus } from "@cdktf/provider-aws/lib/cloudwatch-event-bus";
import { Construct } from "constructs";

export interface LifecycleBusProps {
  readonly busName: string;
  /**
   * Days the archive keeps events; 0 keeps them forever.
   * @default 30
   */
  readonly archiveRetentionDays?: number;
}

export class LifecycleBus extends Construct {
  readonly bus: CloudwatchEventBus;

  constructor(scope: Construct, id: string, props: LifecycleBusProps) {
    super(scope, id);
    const archiveRetentionDays = props.archiveRetentionDays ?? 30;
    this.bus = new CloudwatchEventBus(this, "bus", {
      name: props.busName,
      description: "Service lifecycle events: health checks, scaling actions, deployments",
    });
    new CloudwatchEventArchive(this, "archive", {
      name: props.busName.slice(0, 48),
      eventSourceArn: this.bus.arn,
      retentionDays: archiveRetentionDays,
      description: `Replayable copy of the events on ${props.busName}`,
    });
  }
}
