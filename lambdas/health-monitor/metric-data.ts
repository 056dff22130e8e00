/**
 * Reads the Lattice service metrics with as few GetMetricData calls as
 * possible: up to 500 queries per call (166 services of 3 queries each, so a
 * service's queries never straddle two calls), following `NextToken` until
 * every data point is in.
 *
 * A failed call costs only the services in its batch: they come back as
 * failures and end up `unknown`. When every call fails, the error is rethrown
 * so the invocation fails and is retried.
 */
import { paginateGetMetricData } from "@aws-sdk/client-cloudwatch";
import type { CloudWatchClient, MetricDataResult } from "@aws-sdk/client-cloudwatch";

import type { Log } from "../shared/logger";
import { chunk } from "../shared/chunk";
import { describeError } from "../shared/errors";
import { QUERIES_PER_SERVICE, SERVICE_SIGNALS, queryId, serviceQueries } from "./metric-queries";
import type { MetricWindow, ServiceSignal } from "./metric-queries";

/** GetMetricData takes at most this many queries per call (without a Metrics Insights query). */
export const MAX_QUERIES_PER_CALL = 500;

/** Everything CloudWatch returned for one query, across pages. */
export interface Series {
  readonly values: number[];
  /** `Complete`, `PartialData`, `InternalError` or `Forbidden`; the last page's value wins. */
  status?: string;
  readonly messages: string[];
}

export type ServiceSeries = Readonly<Record<ServiceSignal, Series>>;

/** The metrics of one service, or why they could not be read. */
export type SeriesOutcome =
  | { readonly ok: true; readonly series: ServiceSeries }
  | { readonly ok: false; readonly error: string };

/**
 * Fetches the three service metrics for every service.
 * @returns one outcome per service id, in the same order.
 * @throws the first error when every GetMetricData batch failed.
 */
export async function fetchServiceSeries(
  client: CloudWatchClient,
  serviceIds: readonly string[],
  window: MetricWindow,
  logger: Log,
  maxQueriesPerCall: number = MAX_QUERIES_PER_CALL
): Promise<SeriesOutcome[]> {
  const servicesPerCall = Math.max(1, Math.floor(maxQueriesPerCall / QUERIES_PER_SERVICE));
  const indexes = serviceIds.map((_, i) => i);
  const batches = chunk(indexes, servicesPerCall);
  const outcomes: SeriesOutcome[] = [];
  const errors: unknown[] = [];

  for (const batch of batches) {
    try {
      const found = await readBatch(client, batch, serviceIds, window, logger);
      for (const i of batch) {
        outcomes[i] = { ok: true, series: seriesOf(found, i) };
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

/** Runs one batch through every page and merges the results by query id. */
async function readBatch(
  client: CloudWatchClient,
  batch: readonly number[],
  serviceIds: readonly string[],
  window: MetricWindow,
  logger: Log
): Promise<Map<string, Series>> {
  const found = new Map<string, Series>();
  const pages = paginateGetMetricData(
    { client, stopOnSameToken: true },
    {
      StartTime: window.start,
      EndTime: window.end,
      ScanBy: "TimestampAscending",
      MetricDataQueries: batch.flatMap((i) => serviceQueries(i, serviceIds[i], window.periodSeconds)),
    }
  );
  for await (const page of pages) {
    if (page.Messages?.length) {
      logger.warn("GetMetricData returned messages", { messages: page.Messages });
    }
    for (const result of page.MetricDataResults ?? []) {
      merge(found, result);
    }
  }
  return found;
}

function merge(found: Map<string, Series>, result: MetricDataResult): void {
  if (!result.Id) {
    return;
  }
  const series = found.get(result.Id) ?? { values: [], messages: [] };
  series.values.push(...(result.Values ?? []).filter((v) => Number.isFinite(v)));
  series.status = result.StatusCode ?? series.status;
  series.messages.push(...(result.Messages ?? []).map((m) => `${m.Code ?? "Message"}: ${m.Value ?? ""}`));
  found.set(result.Id, series);
}

function seriesOf(found: Map<string, Series>, index: number): ServiceSeries {
  const entries = SERVICE_SIGNALS.map((signal) => {
    const series = found.get(queryId(signal, index)) ?? { values: [], messages: ["no result for this query"] };
    return [signal, series] as const;
  });
  return Object.fromEntries(entries) as Record<ServiceSignal, Series>;
}
