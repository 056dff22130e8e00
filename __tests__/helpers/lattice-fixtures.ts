import type { GetMetricDataCommandInput, GetMetricDataCommandOutput, StatusCode } from "@aws-sdk/client-cloudwatch";
import type { ServiceNetworkServiceAssociationSummary } from "@aws-sdk/client-vpc-lattice";

export const ACCOUNT = "111122223333";
export const REGION = "eu-west-1";
export const NETWORK_ID = "sn-0a1b2c3d4e5f60718";

/** A 17-hex-digit Lattice id for service number `n`. */
export function serviceId(n: number): string {
  return `svc-${n.toString(16).padStart(17, "0")}`;
}

/** An association summary as ListServiceNetworkServiceAssociations returns it. */
export function association(
  id: string,
  name: string,
  status: ServiceNetworkServiceAssociationSummary["status"] = "ACTIVE"
): ServiceNetworkServiceAssociationSummary {
  return {
    arn: `arn:aws:vpc-lattice:${REGION}:${ACCOUNT}:servicenetworkserviceassociation/snsa-${id.slice(4)}`,
    id: `snsa-${id.slice(4)}`,
    status,
    serviceId: id,
    serviceName: name,
    serviceArn: `arn:aws:vpc-lattice:${REGION}:${ACCOUNT}:service/${id}`,
    serviceNetworkId: NETWORK_ID,
    serviceNetworkName: "sl-network",
    serviceNetworkArn: `arn:aws:vpc-lattice:${REGION}:${ACCOUNT}:servicenetwork/${NETWORK_ID}`,
    dnsEntry: {
      domainName: `${name}-${id.slice(4)}.7d67968.vpc-lattice-svcs.${REGION}.on.aws`,
      hostedZoneId: "Z0123456789ABCDEFGHIJ",
    },
    createdBy: ACCOUNT,
    createdAt: new Date("2025-01-01T00:00:00Z"),
  };
}

/** What CloudWatch holds for one service: data points per metric and the status of its queries. */
export interface FakeServiceMetrics {
  readonly requests?: number[];
  readonly errors?: number[];
  readonly p99?: number[];
  readonly status?: StatusCode;
}

/**
 * A GetMetricData fake that answers every query from `metrics`, keyed by the
 * `Service` dimension (the service id), in the shape CloudWatch returns.
 */
export function metricResponder(metrics: Readonly<Record<string, FakeServiceMetrics>>) {
  return (input: GetMetricDataCommandInput): Partial<GetMetricDataCommandOutput> => ({
    MetricDataResults: (input.MetricDataQueries ?? []).map((query) => {
      const metric = query.MetricStat?.Metric;
      const id = metric?.Dimensions?.find((d) => d.Name === "Service")?.Value ?? "";
      const fake = metrics[id] ?? {};
      const values =
        metric?.MetricName === "TotalRequestCount"
          ? fake.requests
          : metric?.MetricName === "HTTPCode_5XX_Count"
          ? fake.errors
          : fake.p99;
      return {
        Id: query.Id,
        Label: metric?.MetricName,
        Timestamps: (values ?? []).map(() => input.StartTime as Date),
        Values: values ?? [],
        StatusCode: fake.status ?? "Complete",
      };
    }),
    Messages: [],
  });
}
