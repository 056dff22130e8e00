import type {
  GetMetricDataCommandInput,
  GetMetricDataCommandOutput,
  MetricDataQuery,
  StatusCode,
} from "@aws-sdk/client-cloudwatch";
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

/** The series the health monitor reads for one service. */
export type FakeSignal = "requests" | "errors" | "clientErrors" | "p99" | "errorRate";

/** One data point per minute of the window (index 0 = its first minute); `null` = no data point that minute. */
export type FakeMinutes = readonly (number | null)[];

/**
 * What CloudWatch holds for one service: per-minute data points of each
 * metric and the status of its queries.
 */
export interface FakeServiceMetrics {
  /** `TotalRequestCount` (Sum) per minute. */
  readonly requests?: FakeMinutes;
  /** `HTTPCode_5XX_Count` (Sum) per minute. */
  readonly errors?: FakeMinutes;
  /** `HTTPCode_4XX_Count` (Sum) per minute. */
  readonly clientErrors?: FakeMinutes;
  /** `RequestTime` p99 per minute, in milliseconds. */
  readonly p99?: FakeMinutes;
  /** Status of every query of the service. @default "Complete" */
  readonly status?: StatusCode;
  /** Status of single queries; overrides `status`. */
  readonly statuses?: Partial<Record<FakeSignal, StatusCode>>;
}

/** The CloudWatch metric behind each fake series. */
const FAKE_METRICS: Readonly<Record<string, Exclude<FakeSignal, "errorRate">>> = {
  TotalRequestCount: "requests",
  HTTPCode_5XX_Count: "errors",
  HTTPCode_4XX_Count: "clientErrors",
  RequestTime: "p99",
};

/** Only `<id>/<id>` is supported: the error-rate expression the monitor sends. */
const RATIO_EXPRESSION = /^\s*([a-z][a-zA-Z0-9_]*)\s*\/\s*([a-z][a-zA-Z0-9_]*)\s*$/;

interface FakeSeries {
  readonly serviceId: string;
  readonly signal: FakeSignal;
  /** Value per period of the window; `null` = no data point. */
  readonly minutes: readonly (number | null)[];
  readonly periodSeconds: number;
}

/**
 * A GetMetricData fake that answers every query from `metrics`, keyed by the
 * `Service` dimension (the service id), in the shape CloudWatch returns.
 *
 * - Metric queries give one data point per minute that holds a value, stamped
 *   with the start of that period (`StartTime + i * Period`), in ascending order.
 * - A ratio expression `a/b` is computed from the fake's data of the queries
 *   `a` and `b` of the same request, as CloudWatch does for a 5xx/requests
 *   rate: a missing numerator point counts as 0, and a period whose
 *   denominator is missing or 0 has no result.
 * - Queries with `ReturnData: false` get no result, as in CloudWatch.
 * @throws when a fake has more values than the window has periods, or the
 *   request holds a query the fake cannot answer (the test is wrong, not the code).
 */
export function metricResponder(metrics: Readonly<Record<string, FakeServiceMetrics>>) {
  return (input: GetMetricDataCommandInput): Partial<GetMetricDataCommandOutput> => {
    const queries = input.MetricDataQueries ?? [];
    const start = (input.StartTime as Date).getTime();
    const end = (input.EndTime as Date).getTime();

    const metricSeries = (query: MetricDataQuery): FakeSeries => {
      const stat = query.MetricStat;
      const serviceId = stat?.Metric?.Dimensions?.find((d) => d.Name === "Service")?.Value ?? "";
      const signal = FAKE_METRICS[stat?.Metric?.MetricName ?? ""];
      if (signal === undefined) {
        throw new Error(`metricResponder: no fake data for metric ${String(stat?.Metric?.MetricName)} (query ${query.Id})`);
      }
      const periodSeconds = stat?.Period ?? 60;
      const periods = Math.floor((end - start) / (periodSeconds * 1000));
      const minutes = metrics[serviceId]?.[signal] ?? [];
      if (minutes.length > periods) {
        throw new Error(
          `metricResponder: ${serviceId} ${signal} has ${minutes.length} values for a window of ${periods} periods`
        );
      }
      return { serviceId, signal, minutes, periodSeconds };
    };

    const expressionSeries = (query: MetricDataQuery): FakeSeries => {
      const match = RATIO_EXPRESSION.exec(query.Expression ?? "");
      const operand = (id: string | undefined) => {
        const found = queries.find((q) => q.Id === id && q.MetricStat !== undefined);
        if (found === undefined) {
          throw new Error(`metricResponder: expression ${query.Id} refers to ${id}, which is no metric query of the call`);
        }
        return metricSeries(found);
      };
      if (match === null) {
        throw new Error(`metricResponder: only <id>/<id> expressions are supported, got ${query.Expression}`);
      }
      const [numerator, denominator] = [operand(match[1]), operand(match[2])];
      const length = Math.max(numerator.minutes.length, denominator.minutes.length);
      const minutes = Array.from({ length }, (_, i) => {
        const below = denominator.minutes[i] ?? null;
        return below === null || below === 0 ? null : (numerator.minutes[i] ?? 0) / below;
      });
      return { serviceId: numerator.serviceId, signal: "errorRate", minutes, periodSeconds: denominator.periodSeconds };
    };

    return {
      MetricDataResults: queries
        .filter((query) => query.ReturnData !== false)
        .map((query) => {
          const series = query.Expression !== undefined ? expressionSeries(query) : metricSeries(query);
          const fake = metrics[series.serviceId] ?? {};
          const points = series.minutes.flatMap((value, i) =>
            value === null ? [] : [{ value, at: new Date(start + i * series.periodSeconds * 1000) }]
          );
          return {
            Id: query.Id,
            Label: query.Label ?? query.MetricStat?.Metric?.MetricName,
            Timestamps: points.map((p) => p.at),
            Values: points.map((p) => p.value),
            StatusCode: fake.statuses?.[series.signal] ?? fake.status ?? "Complete",
          };
        }),
      Messages: [],
    };
  };
}
