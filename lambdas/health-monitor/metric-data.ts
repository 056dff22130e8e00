/**
 * Reads the Lattice service metrics with as few GetMetricData calls as
 * possible: up to 500 queries per call (100 services of 5 queries each, so a
 * service's queries never straddle two calls), following `NextToken` until
 * every data point is in.
 *
 * A failed call costs only the services in its batch: they come back as
 * failures and end up `unknown`. When every call fails, the first error is
 * rethrown; the monitor then reports every service `unknown` with it.
 *
 * Paging stops early on a `NextToken` seen before (a cycle) or after
 * `MAX_PAGES_PER_BATCH` pages. Then every service of the batch with a query
 * that is not `Complete` comes back as a failure (so `unknown`) with the
 * reason, and a warning is logged. Services whose five queries are all
 * `Complete` keep their data: CloudWatch has sent all of it.
 *
 * CloudWatch messages are logged as warnings: those of the whole call, and
 * those of a query (they also stay on its series, so the reading can report them).
 */
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import type { CloudWatchClient, GetMetricDataCommandOutput, MetricDataResult } from "@aws-sdk/client-cloudwatch";

import type { Log } from "../shared/logger";
import { chunk } from "../shared/chunk";
import { describeError } from "../shared/errors";
import { QUERIES_PER_SERVICE, SERVICE_SIGNALS, queryId, serviceQueries } from "./metric-queries";
import type { MetricWindow, ServiceSignal } from "./metric-queries";
import { readPages } from "./paging";
import type { PagingResult } from "./paging";

/** GetMetricData takes at most this many queries per call (without a Metrics Insights query). */
export const MAX_QUERIES_PER_CALL = 500;

/**
 * Most GetMetricData pages read for one batch. A batch holds about one data
 * point per query (the window is one period), far below what one page
 * carries, so more than one page is already rare; 20 only guards against a
 * token chain that never ends.
 */
export const MAX_PAGES_PER_BATCH = 20;

/** Everything CloudWatch returned for one query, across pages. */
export interface Series {
  /** Finite values, in the order received. */
  readonly values: number[];
  /** Epoch milliseconds of each value (same length as `values`; `NaN` when CloudWatch sent none). */
  readonly timestamps: number[];
  /**
   * `Complete`, `PartialData`, `InternalError` or `Forbidden`; the last page's
   * value wins. Only `Complete` data gives a number (see readings.ts).
   */
  status?: string;
  readonly messages: string[];
}

export type ServiceSeries = Readonly<Record<ServiceSignal, Series>>;

/** The metrics of one service, or why they could not be read. */
export type SeriesOutcome =
  | { readonly ok: true; readonly series: ServiceSeries }
  | { readonly ok: false; readonly error: string };

/**
 * Fetches the service metrics and the error-rate expression for every service.
 * @returns one outcome per service id, in the same order.
 * @throws the first error when every GetMetricData batch failed.
 */
export async function fetchServiceSeries(
  client: CloudWatchClient,
  serviceIds: readonly string[],
  window: MetricWindow,
  logger: Log,
  maxQueriesPerCall: number = MAX_QUERIES_PER_CALL,
  maxPagesPerBatch: number = MAX_PAGES_PER_BATCH
): Promise<SeriesOutcome[]> {
  const servicesPerCall = Math.max(1, Math.floor(maxQueriesPerCall / QUERIES_PER_SERVICE));
  const indexes = serviceIds.map((_, i) => i);
  const batches = chunk(indexes, servicesPerCall);
  const outcomes: SeriesOutcome[] = [];
  const errors: unknown[] = [];

  for (const batch of batches) {
    try {
      const { found, paging } = await readBatch(client, batch, serviceIds, window, logger, maxPagesPerBatch);
      const incomplete: number[] = [];
      for (const i of batch) {
        const series = seriesOf(found, i);
        if (!paging.complete && !allComplete(series)) {
          incomplete.push(i);
          outcomes[i] = {
            ok: false,
            error: `GetMetricData paging stopped early (${paging.reason}); the metrics of this service are incomplete`,
          };
        } else {
          outcomes[i] = { ok: true, series };
        }
      }
      if (!paging.complete) {
        logger.warn("GetMetricData paging stopped early; services with incomplete metrics are unknown", {
          reason: paging.reason,
          pages: paging.pages,
          service_ids: incomplete.map((i) => serviceIds[i]),
        });
      }
    } catch (error) {
      errors.push(error);
      const message = `GetMetricData failed: ${describeError(error)}`;
      logger.error("GetMetricData failed for a batch of services", {
        error,
        service_ids: batch.map((i) => serviceIds[i]),
      });
      for (const i of batch) {
        outcomes[i] = { ok: false, error: message };
      }
    }
  }
  if (batches.length > 0 && errors.length === batches.length) {
    throw errors[0];
  }
  return outcomes;
}

/** Runs one batch through its pages and merges the results by query id. */
async function readBatch(
  client: CloudWatchClient,
  batch: readonly number[],
  serviceIds: readonly string[],
  window: MetricWindow,
  logger: Log,
  maxPages: number
): Promise<{ found: Map<string, Series>; paging: PagingResult }> {
  const found = new Map<string, Series>();
  const queries = batch.flatMap((i) => serviceQueries(i, serviceIds[i], window.periodSeconds));
  const serviceOfQuery = new Map(
    batch.flatMap((i) => SERVICE_SIGNALS.map((signal) => [queryId(signal, i), serviceIds[i]] as const))
  );
  const paging = await readPages<GetMetricDataCommandOutput>(
    (token) =>
      client.send(
        new GetMetricDataCommand({
          StartTime: window.start,
          EndTime: window.end,
          ScanBy: "TimestampAscending",
          MetricDataQueries: queries,
          NextToken: token,
        })
      ),
    (page) => page.NextToken,
    (page) => {
      if (page.Messages?.length) {
        logger.warn("GetMetricData returned messages", { messages: page.Messages });
      }
      const withMessages = (page.MetricDataResults ?? []).filter((r) => r.Messages?.length);
      if (withMessages.length > 0) {
        // One entry per page, not per query: a batch has up to 500 queries.
        logger.warn("GetMetricData returned messages for some queries", {
          queries: withMessages.map((r) => ({
            query_id: r.Id,
            service_id: r.Id === undefined ? undefined : serviceOfQuery.get(r.Id),
            status_code: r.StatusCode,
            messages: r.Messages,
          })),
        });
      }
      for (const result of page.MetricDataResults ?? []) {
        merge(found, result);
      }
    },
    maxPages
  );
  return { found, paging };
}

function merge(found: Map<string, Series>, result: MetricDataResult): void {
  if (!result.Id) {
    return;
  }
  const series = found.get(result.Id) ?? { values: [], timestamps: [], messages: [] };
  const values = result.Values ?? [];
  values.forEach((value, i) => {
    if (Number.isFinite(value)) {
      series.values.push(value);
      series.timestamps.push(result.Timestamps?.[i]?.getTime() ?? Number.NaN);
    }
  });
  series.status = result.StatusCode ?? series.status;
  series.messages.push(...(result.Messages ?? []).map((m) => `${m.Code ?? "Message"}: ${m.Value ?? ""}`));
  found.set(result.Id, series);
}

function seriesOf(found: Map<string, Series>, index: number): ServiceSeries {
  const entries = SERVICE_SIGNALS.map((signal) => {
    const series = found.get(queryId(signal, index)) ?? { values: [], timestamps: [], messages: ["no result for this query"] };
    return [signal, series] as const;
  });
  return Object.fromEntries(entries) as Record<ServiceSignal, Series>;
}

function allComplete(series: ServiceSeries): boolean {
  return SERVICE_SIGNALS.every((signal) => series[signal].status === "Complete");
}
