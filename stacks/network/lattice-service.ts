/**
 * One microservice in the network: its target group (with health check for
 * IP and INSTANCE targets), the Lattice service with its auth policy, a
 * listener forwarding to the target group, and the association with the
 * network. For INSTANCE targets the Auto Scaling group is attached as a
 * traffic source; ALB and LAMBDA targets are registered directly. ECS tasks
 * are registered by ECS itself once the ECS service's
 * `vpc_lattice_configurations` points at the target group (see README).
 */
import { AutoscalingTrafficSourceAttachment } from "@cdktf/provider-aws/lib/autoscaling-traffic-source-attachment";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { VpclatticeAuthPolicy } from "@cdktf/provider-aws/lib/vpclattice-auth-policy";
import { VpclatticeListener } from "@cdktf/provider-aws/lib/vpclattice-listener";
import { VpclatticeService } from "@cdktf/provider-aws/lib/vpclattice-service";
import { VpclatticeServiceNetworkServiceAssociation } from "@cdktf/provider-aws/lib/vpclattice-service-network-service-association";
import { VpclatticeTargetGroup, type VpclatticeTargetGroupConfigA } from "@cdktf/provider-aws/lib/vpclattice-target-group";
import { VpclatticeTargetGroupAttachment } from "@cdktf/provider-aws/lib/vpclattice-target-group-attachment";
import { Construct } from "constructs";
import type { ServiceConfig } from "../../config/schema";
import { invokePolicy, type Callers } from "./auth-policy";

export interface LatticeServiceProps {
  /** Lattice service name (`<prefix>-<service>`, 3-40 characters). */
  readonly name: string;
  /** The service as validated from the config. */
  readonly service: ServiceConfig;
  /** Id of the service network to join. */
  readonly serviceNetworkId: string;
  /** Who may invoke this service. */
  readonly callers: Callers;
}

/** Listener port when the config gives none. */
export function defaultListenerPort(protocol: "HTTP" | "HTTPS"): number {
  return protocol === "HTTPS" ? 443 : 80;
}

function targetGroupConfig(svc: ServiceConfig): VpclatticeTargetGroupConfigA | undefined {
  if (svc.targetType === "LAMBDA") return { lambdaEventStructureVersion: "V2" };
  const base = { vpcIdentifier: svc.vpcId, port: svc.port, protocol: svc.protocol };
  if (svc.targetType === "ALB") return { ...base, protocolVersion: svc.protocolVersion === "HTTP2" ? "HTTP2" : "HTTP1" };
  const hc = svc.healthCheck;
  return {
    ...base,
    protocolVersion: svc.protocolVersion,
    healthCheck: hc
      ? {
          enabled: true,
          path: hc.path,
          protocol: hc.protocol ?? svc.protocol,
          // gRPC targets are checked over HTTP/2; others over HTTP/1.1.
          protocolVersion: svc.protocolVersion === "GRPC" ? "HTTP2" : "HTTP1",
          healthCheckIntervalSeconds: hc.intervalSeconds,
          healthCheckTimeoutSeconds: hc.timeoutSeconds,
          healthyThresholdCount: hc.healthyThreshold,
          unhealthyThresholdCount: hc.unhealthyThreshold,
          matcher: { value: hc.matcher },
        }
      : undefined,
  };
}

export class LatticeService extends Construct {
  readonly targetGroup: VpclatticeTargetGroup;
  readonly service: VpclatticeService;
  readonly listener: VpclatticeListener;

  constructor(scope: Construct, id: string, props: LatticeServiceProps) {
    super(scope, id);
    const svc = props.service;
    const listenerPort = svc.listener.port ?? defaultListenerPort(svc.listener.protocol);

    this.targetGroup = new VpclatticeTargetGroup(this, "target-group", {
      name: `${props.name}-tg`,
      type: svc.targetType,
      config: targetGroupConfig(svc),
    });

    this.service = new VpclatticeService(this, "service", {
      name: props.name,
      authType: "AWS_IAM",
    });
    new VpclatticeAuthPolicy(this, "auth-policy", {
      resourceIdentifier: this.service.arn,
      policy: invokePolicy(props.callers, `${this.service.arn}/*`),
    });

    this.listener = new VpclatticeListener(this, "listener", {
      name: `${svc.listener.protocol.toLowerCase()}-${listenerPort}`,
      serviceIdentifier: this.service.id,
      protocol: svc.listener.protocol,
      port: listenerPort,
      defaultAction: {
        forward: [{ targetGroups: [{ targetGroupIdentifier: this.targetGroup.id, weight: 100 }] }],
      },
    });

    new VpclatticeServiceNetworkServiceAssociation(this, "association", {
      serviceIdentifier: this.service.id,
      serviceNetworkIdentifier: props.serviceNetworkId,
    });

    this.attachTargets(svc);
  }

  private attachTargets(svc: ServiceConfig): void {
    if (svc.targetType === "INSTANCE" && svc.compute?.type === "ec2-asg") {
      new AutoscalingTrafficSourceAttachment(this, "asg-attachment", {
        autoscalingGroupName: svc.compute.autoScalingGroupName,
        trafficSource: { identifier: this.targetGroup.arn, type: "vpc-lattice" },
      });
    }
    if (svc.targetType === "ALB" && svc.albArn) {
      new VpclatticeTargetGroupAttachment(this, "alb-attachment", {
        targetGroupIdentifier: this.targetGroup.id,
        target: { id: svc.albArn, port: svc.port },
      });
    }
    if (svc.targetType === "LAMBDA" && svc.lambdaFunctionArn) {
      const permission = new LambdaPermission(this, "lattice-invoke", {
        statementId: "AllowVpcLatticeInvoke",
        action: "lambda:InvokeFunction",
        functionName: svc.lambdaFunctionArn,
        principal: "vpc-lattice.amazonaws.com",
        sourceArn: this.targetGroup.arn,
      });
      new VpclatticeTargetGroupAttachment(this, "lambda-attachment", {
        targetGroupIdentifier: this.targetGroup.id,
        target: { id: svc.lambdaFunctionArn },
        dependsOn: [permission],
      });
    }
  }
}
