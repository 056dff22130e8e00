/**
 * The VPC Lattice service network: `AWS_IAM` auth with its auth policy,
 * access logs to a CloudWatch log group, and optional VPC associations.
 */
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { VpclatticeAccessLogSubscription } from "@cdktf/provider-aws/lib/vpclattice-access-log-subscription";
import { VpclatticeAuthPolicy } from "@cdktf/provider-aws/lib/vpclattice-auth-policy";
import { VpclatticeServiceNetwork } from "@cdktf/provider-aws/lib/vpclattice-service-network";
import { VpclatticeServiceNetworkVpcAssociation } from "@cdktf/provider-aws/lib/vpclattice-service-network-vpc-association";
import { Construct } from "constructs";
import { invokePolicy, type Callers } from "./auth-policy";

export interface VpcAssociation {
  readonly vpcId: string;
  readonly securityGroupIds: readonly string[];
}

export interface ServiceNetworkProps {
  /** Name of the network (3-63 characters). */
  readonly name: string;
  /** Who may invoke services through the network. */
  readonly callers: Callers;
  /** Days to keep access logs. */
  readonly logRetentionDays: number;
  /**
   * VPCs whose clients reach the network.
   * @default none
   */
  readonly vpcAssociations?: readonly VpcAssociation[];
}

export class ServiceNetwork extends Construct {
  readonly network: VpclatticeServiceNetwork;
  readonly accessLogGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: ServiceNetworkProps) {
    super(scope, id);
    const vpcAssociations = props.vpcAssociations ?? [];

    this.network = new VpclatticeServiceNetwork(this, "network", {
      name: props.name,
      authType: "AWS_IAM",
    });
    new VpclatticeAuthPolicy(this, "auth-policy", {
      resourceIdentifier: this.network.arn,
      policy: invokePolicy(props.callers, "*"),
    });

    this.accessLogGroup = new CloudwatchLogGroup(this, "access-logs", {
      name: `/aws/vpclattice/${props.name}`,
      retentionInDays: props.logRetentionDays,
    });
    new VpclatticeAccessLogSubscription(this, "access-log-subscription", {
      resourceIdentifier: this.network.arn,
      destinationArn: this.accessLogGroup.arn,
    });

    vpcAssociations.forEach((assoc) => {
      new VpclatticeServiceNetworkVpcAssociation(this, `vpc-${assoc.vpcId}`, {
        serviceNetworkIdentifier: this.network.id,
        vpcIdentifier: assoc.vpcId,
        securityGroupIds: assoc.securityGroupIds.length > 0 ? [...assoc.securityGroupIds] : undefined,
      });
    });
  }
}
