/**
 * CloudWatch `GetMetricData` answers for the fake fleet.
 *
 * Every query of the input is answered; as in CloudWatch, queries with
 * `ReturnData: false` are computed (expressions may use them) but not
 * returned. A `MetricStat` query on `AWS/VpcLattice` with the `Service`
 * dimension gets one data point per `Period` of the requested window (newest
 * first unless `ScanBy` is `TimestampAscending`), from the service's traffic
 * profile: `TotalRequestCount`, `HTTPCode_2XX_Count`, `HTTPCode_4XX_Count`
 * and `HTTPCode_5XX_Count` with `Sum`, and `RequestTime` with a percentile
 * (`p99`, `p50`...), `Average`, `Minimum` or `Maximum`. A service without
 * traffic has no data points (status `Complete`, no values), as in
 * CloudWatch. An `Expression` query is computed by `metric-math.ts`.
 *
 * Limits checked as CloudWatch does: 1-500 queries, unique ids starting with
 * a lowercase letter, at most 100,800 data points. Every answer fits one
 * page, so no `NextToken` is ever returned. Anything not modelled (another
 * namespace or metric, another statistic, a Metrics Insights query) throws.
 */
import type {
  GetMetricDataCommandInput,
  GetMetricDataCommandOutput,
  MetricDataQuery,
  MetricDataResult,
  MetricStat,
} from "@aws-sdk/client-cloudwatch";

import { validationError } from "./fake-errors";
import type { Fleet, TrafficProfile } from "./fleet";
import { evaluateExpression } from "./metric-math";
import type { GridSeries } from "./metric-math";
import type { Responders } from "./responders";

/** Most queries in one GetMetricData call. */
export const MAX_METRIC_QUERIES = 500;

/** Most data points one GetMetricData call may return. */
export const MAX_DATA_POINTS = 100_800;

const OPERATION = "GetMetricData";

const NO_TRAFFIC: TrafficProfile = { requestsPerMinute: 0, serverErrorRate: 0, clientErrorRate: 0, p99Ms: 0 };

/**
 * The value of one period of `periodSeconds` for `metricName`/`stat` under `traffic`.
 * @throws for a metric or statistic the fake does not model.
 */
function periodValue(traffic: TrafficProfile, metricName: string, stat: string, periodSeconds: number): number {
  const { requestsPerMinute, serverErrorRate, clientErrorRate, p99Ms } = traffic;
  const requests = requestsPerMinute * (periodSeconds / 60);
  const serverErrors = Math.round(requests * serverErrorRate);
  const clientErrors = Math.round(requests * clientErrorRate);
  const counts: Record<string, number> = {
    TotalRequestCount: requests,
    HTTPCode_5XX_Count: serverErrors,
    HTTPCode_4XX_Count: clientErrors,
    HTTPCode_2XX_Count: requests - serverErrors - clientErrors,
  };
  if (metricName in counts) {
    if (stat !== "Sum") throw new Error(`fake ${OPERATION}: statistic ${stat} of ${metricName} is not faked (only Sum)`);
    return counts[metricName];
  }
  if (metricName !== "RequestTime") throw new Error(`fake ${OPERATION}: metric AWS/VpcLattice ${metricName} is not faked`);
  const percentile = /^p(\d+(?:\.\d+)?)$/.exec(stat);
  if (percentile) return Math.round((p99Ms * Number(percentile[1])) / 99);
  const others: Record<string, number> = { Average: Math.round(p99Ms / 3), Minimum: 2, Maximum: Math.round(p99Ms * 1.4) };
  if (!(stat in others)) throw new Error(`fake ${OPERATION}: statistic ${stat} of RequestTime is not faked`);
  return others[stat];
}

/** Start of every period of `seconds` in [start, end). */
function periods(start: number, end: number, seconds: number): number[] {
  const out: number[] = [];
  for (let t = start; t < end; t += seconds * 1000) out.push(t);
  return out;
}

function metricStatSeries(fleet: Fleet, stat: MetricStat, start: number, end: number): GridSeries {
  const metric = stat.Metric;
  if (metric?.Namespace !== "AWS/VpcLattice") {
    throw new Error(`fake ${OPERATION}: namespace ${metric?.Namespace} is not faked (only AWS/VpcLattice)`);
  }
  const period = stat.Period ?? 0;
  if (!Number.isInteger(period) || period < 60 || period % 60 !== 0) {
    throw validationError(OPERATION, `Period ${period} must be a multiple of 60 (standard-resolution metrics)`);
  }
  const serviceId = metric.Dimensions?.find((d) => d.Name === "Service")?.Value;
  const service = serviceId === undefined ? undefined : fleet.servicesById.get(serviceId);
  const timestamps = periods(start, end, period);
  const value = periodValue(service?.traffic ?? NO_TRAFFIC, metric.MetricName ?? "", stat.Stat ?? "", period);
  // a metric no request ever produced, or a dimension set Lattice does not publish, has no data points
  const hasData = service !== undefined && service.traffic.requestsPerMinute > 0 && metric.Dimensions?.length === 1;
  return { timestamps, values: timestamps.map(() => (hasData ? value : undefined)) };
}

function checkQueries(queries: readonly MetricDataQuery[]): void {
  if (queries.length < 1 || queries.length > MAX_METRIC_QUERIES) {
    throw validationError(OPERATION, `MetricDataQueries must hold 1-${MAX_METRIC_QUERIES} queries, got ${queries.length}`);
  }
  const ids = new Set<string>();
  for (const query of queries) {
    if (!/^[a-z][A-Za-z0-9_]*$/.test(query.Id ?? "")) throw validationError(OPERATION, `query Id ${query.Id} must start with a lowercase letter`);
    if (ids.has(query.Id as string)) throw validationError(OPERATION, `query Id ${query.Id} is used twice`);
    ids.add(query.Id as string);
    if ((query.MetricStat === undefined) === (query.Expression === undefined)) {
      throw validationError(OPERATION, `query ${query.Id} needs exactly one of MetricStat and Expression`);
    }
    if (query.Expression !== undefined && /^\s*SELECT\b/i.test(query.Expression)) {
      throw new Error(`fake ${OPERATION}: Metrics Insights queries are not faked (${query.Id})`);
    }
  }
}

/** Answers one GetMetricData call. */
export function getMetricData(fleet: Fleet, input: GetMetricDataCommandInput): Omit<GetMetricDataCommandOutput, "$metadata"> {
  const queries = input.MetricDataQueries ?? [];
  checkQueries(queries);
  if (input.NextToken !== undefined) throw validationError(OPERATION, `NextToken ${input.NextToken} was never returned`);
  const start = input.StartTime ? new Date(input.StartTime).getTime() : Number.NaN;
  const end = input.EndTime ? new Date(input.EndTime).getTime() : Number.NaN;
  if (!(start < end)) throw validationError(OPERATION, "StartTime must be before EndTime");

  const byId = new Map(queries.map((q) => [q.Id as string, q]));
  const computed = new Map<string, GridSeries>();
  const resolving = new Set<string>();
  const resolve = (id: string): GridSeries => {
    const known = computed.get(id);
    if (known) return known;
    const query = byId.get(id);
    if (!query) throw validationError(OPERATION, `an expression uses the unknown query id ${id}`);
    if (resolving.has(id)) throw validationError(OPERATION, `query ${id} depends on itself`);
    resolving.add(id);
    const series = query.MetricStat
      ? metricStatSeries(fleet, query.MetricStat, start, end)
      : evaluateExpression(query.Expression as string, resolve);
    resolving.delete(id);
    computed.set(id, series);
    return series;
  };

  const points = queries.reduce((sum, q) => sum + resolve(q.Id as string).timestamps.length, 0);
  if (points > MAX_DATA_POINTS) throw validationError(OPERATION, `${points} data points exceed ${MAX_DATA_POINTS}`);
  const ascending = input.ScanBy === "TimestampAscending";
  const results: MetricDataResult[] = queries
    .filter((q) => q.ReturnData !== false)
    .map((q) => {
      const series = resolve(q.Id as string);
      const present = series.timestamps.map((t, i) => ({ t, v: series.values[i] })).filter((p) => p.v !== undefined);
      if (!ascending) present.reverse();
      return {
        Id: q.Id,
        Label: q.Label ?? q.MetricStat?.Metric?.MetricName ?? q.Id,
        Timestamps: present.map((p) => new Date(p.t)),
        Values: present.map((p) => p.v as number),
        StatusCode: "Complete",
        Messages: [],
      };
    });
  return { MetricDataResults: results, Messages: [] };
}

/** The CloudWatch responders over `fleet`. */
export function cloudWatchResponders(fleet: Fleet): Responders {
  return { GetMetricData: (input: GetMetricDataCommandInput) => getMetricData(fleet, input) };
}
