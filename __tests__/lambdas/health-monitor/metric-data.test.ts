import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import type { GetMetricDataCommandInput, MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";

import { fetchServiceSeries } from "../../../lambdas/health-monitor/metric-data";
import type { SeriesOutcome } from "../../../lambdas/health-monitor/metric-data";
import { metricWindow, serviceQueries } from "../../../lambdas/health-monitor/metric-queries";
import { toReading } from "../../../lambdas/health-monitor/readings";
import { metricResponder, serviceId } from "../../helpers/lattice-fixtures";
import { recordingLogger } from "../../helpers/log-recorder";

const cloudWatchMock = mockClient(CloudWatchClient);
const client = new CloudWatchClient({ region: "eu-west-1" });
const window = metricWindow(new Date("2025-03-01T12:07:42Z"), 5);

/** Epoch ms of minute `i` of the window. */
const minute = (i: number) => window.start.getTime() + i * 60_000;

/** The service index of a query id such as `r12` or `x12`. */
const indexOf = (query: MetricDataQuery) => Number((query.Id ?? "").slice(1));

/** A page result of the five queries of service `i`, all with `status`. */
function pageOf(i: number, status: "Complete" | "PartialData", values: Record<"r" | "e" | "c" | "l" | "x", number[]>) {
  return Object.entries(values).map(([prefix, v]) => ({
    Id: `${prefix}${i}`,
    Values: v,
    Timestamps: v.map((_, k) => new Date(minute(k))),
    StatusCode: status,
  }));
}

function okSeries(outcome: SeriesOutcome) {
  if (!outcome.ok) {
    throw new Error(`expected series, got ${outcome.error}`);
  }
  return outcome.series;
}

beforeEach(() => {
  cloudWatchMock.reset();
});

describe("Function: fetchServiceSeries", () => {
  test("reads 101 services (505 queries) in 2 calls: 100 services of 5 queries, then 1", async () => {
    // Arrange
    const ids = Array.from({ length: 101 }, (_, i) => serviceId(i));
    const metrics = Object.fromEntries(ids.map((id, i) => [id, { requests: [i + 1], errors: [0], p99: [10] }]));
    cloudWatchMock.on(GetMetricDataCommand).callsFake(metricResponder(metrics));

    // Act
    const outcomes = await fetchServiceSeries(client, ids, window, recordingLogger());

    // Assert
    const sizes = cloudWatchMock
      .commandCalls(GetMetricDataCommand)
      .map((c) => c.args[0].input.MetricDataQueries?.length);
    expect(sizes).toEqual([500, 5]);
    expect(outcomes).toHaveLength(101);
    expect(okSeries(outcomes[0]).requests.values).toEqual([1]);
    expect(okSeries(outcomes[99]).requests.values).toEqual([100]);
    expect(okSeries(outcomes[100]).requests.values).toEqual([101]);
  });

  test("fills each call with exactly 100 services", async () => {
    // Arrange
    const ids = Array.from({ length: 200 }, (_, i) => serviceId(i));
    cloudWatchMock.on(GetMetricDataCommand).callsFake(metricResponder({}));

    // Act
    await fetchServiceSeries(client, ids, window, recordingLogger());

    // Assert
    const sizes = cloudWatchMock
      .commandCalls(GetMetricDataCommand)
      .map((c) => c.args[0].input.MetricDataQueries?.length);
    expect(sizes).toEqual([500, 500]);
  });

  test("keeps the five queries of a service in the same call", async () => {
    // Arrange
    const ids = Array.from({ length: 170 }, (_, i) => serviceId(i));
    cloudWatchMock.on(GetMetricDataCommand).callsFake(metricResponder({}));

    // Act
    await fetchServiceSeries(client, ids, window, recordingLogger());

    // Assert
    const callOfService = new Map<number, number>();
    cloudWatchMock.commandCalls(GetMetricDataCommand).forEach((call, c) => {
      const queries = call.args[0].input.MetricDataQueries ?? [];
      const counts = new Map<number, number>();
      queries.forEach((q) => counts.set(indexOf(q), (counts.get(indexOf(q)) ?? 0) + 1));
      expect([...counts.values()].every((n) => n === 5)).toBe(true);
      counts.forEach((_, i) => {
        expect(callOfService.has(i)).toBe(false);
        callOfService.set(i, c);
      });
    });
    expect(callOfService.size).toBe(170);
  });

  test("asks for the window at 60-second resolution, the expression included", async () => {
    // Arrange
    cloudWatchMock.on(GetMetricDataCommand).callsFake(metricResponder({}));

    // Act
    await fetchServiceSeries(client, [serviceId(1)], window, recordingLogger());

    // Assert
    expect(cloudWatchMock).toHaveReceivedCommandWith(GetMetricDataCommand, {
      StartTime: new Date("2025-03-01T12:02:00Z"),
      EndTime: new Date("2025-03-01T12:07:00Z"),
      ScanBy: "TimestampAscending",
    });
    const queries = cloudWatchMock.commandCalls(GetMetricDataCommand)[0].args[0].input.MetricDataQueries ?? [];
    expect(queries).toEqual(serviceQueries(0, serviceId(1), 60));
  });

  test("carries the timestamp of every data point, aligned with its value, for all five series", async () => {
    // Arrange: minute 2 had no requests, minute 4 no data at all
    cloudWatchMock.on(GetMetricDataCommand).callsFake(
      metricResponder({
        [serviceId(1)]: {
          requests: [100, 200, 0, 300, null],
          errors: [1, null, 0, 30],
          clientErrors: [null, 4],
          p99: [50, 80, null, 90],
        },
      })
    );

    // Act
    const [outcome] = await fetchServiceSeries(client, [serviceId(1)], window, recordingLogger());

    // Assert
    const series = okSeries(outcome);
    expect(series.requests).toEqual({
      values: [100, 200, 0, 300],
      timestamps: [minute(0), minute(1), minute(2), minute(3)],
      status: "Complete",
      messages: [],
    });
    expect(series.errors).toMatchObject({ values: [1, 0, 30], timestamps: [minute(0), minute(2), minute(3)] });
    expect(series.clientErrors).toMatchObject({ values: [4], timestamps: [minute(1)] });
    expect(series.p99).toMatchObject({ values: [50, 80, 90], timestamps: [minute(0), minute(1), minute(3)] });
    expect(series.errorRate).toMatchObject({
      values: [1 / 100, 0 / 200, 30 / 300],
      timestamps: [minute(0), minute(1), minute(3)],
      status: "Complete",
    });
  });

  test("gives readings the 5xx share of the whole window from per-minute data", async () => {
    // Arrange
    const requests = [900, 50, 0, 50];
    const errors = [9, 25, 0, 0];
    cloudWatchMock
      .on(GetMetricDataCommand)
      .callsFake(metricResponder({ [serviceId(1)]: { requests, errors, clientErrors: [], p99: [100, 900, 0, 100] } }));

    // Act
    const [outcome] = await fetchServiceSeries(client, [serviceId(1)], window, recordingLogger());
    const reading = toReading(okSeries(outcome));

    // Assert
    const total = (values: number[]) => values.reduce((a, b) => a + b, 0);
    expect(reading.errorRate).toBeCloseTo(total(errors) / total(requests), 12);
    expect(reading).toMatchObject({ requestCount: total(requests), errorCount: total(errors), clientErrorCount: 0 });
  });

  test("keeps the timestamps of finite values only, and NaN where CloudWatch sent none", async () => {
    // Arrange
    const at = (k: number) => new Date(minute(k));
    cloudWatchMock.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: "r0", Values: [10, Number.NaN, 30], Timestamps: [at(0), at(1), at(2)], StatusCode: "Complete" },
        { Id: "e0", Values: [1, 2], StatusCode: "Complete" },
      ],
    });

    // Act
    const [outcome] = await fetchServiceSeries(client, [serviceId(1)], window, recordingLogger());

    // Assert
    const series = okSeries(outcome);
    expect(series.requests).toMatchObject({ values: [10, 30], timestamps: [minute(0), minute(2)] });
    expect(series.errors.values).toEqual([1, 2]);
    expect(series.errors.timestamps).toEqual([Number.NaN, Number.NaN]);
  });

  test("follows NextToken and merges the values and timestamps of each query across pages", async () => {
    // Arrange
    const id = serviceId(1);
    const at = (k: number) => new Date(minute(k));
    cloudWatchMock
      .on(GetMetricDataCommand)
      .resolvesOnce({
        MetricDataResults: [
          { Id: "r0", Values: [60], Timestamps: [at(0)], StatusCode: "PartialData" },
          { Id: "e0", Values: [], Timestamps: [], StatusCode: "PartialData" },
          { Id: "x0", Values: [0], Timestamps: [at(0)], StatusCode: "PartialData" },
        ],
        NextToken: "token-2",
      })
      .resolvesOnce({
        MetricDataResults: [
          { Id: "r0", Values: [40], Timestamps: [at(1)], StatusCode: "Complete" },
          { Id: "e0", Values: [3], Timestamps: [at(1)], StatusCode: "Complete" },
          { Id: "c0", Values: [], Timestamps: [], StatusCode: "Complete" },
          { Id: "l0", Values: [250], Timestamps: [at(1)], StatusCode: "Complete" },
          { Id: "x0", Values: [3 / 40], Timestamps: [at(1)], StatusCode: "Complete" },
        ],
      });

    // Act
    const [outcome] = await fetchServiceSeries(client, [id], window, recordingLogger());

    // Assert
    expect(cloudWatchMock).toHaveReceivedCommandTimes(GetMetricDataCommand, 2);
    expect(cloudWatchMock).toHaveReceivedNthCommandWith(2, GetMetricDataCommand, { NextToken: "token-2" });
    const series = okSeries(outcome);
    expect(series.requests).toMatchObject({ values: [60, 40], timestamps: [minute(0), minute(1)], status: "Complete" });
    expect(series.errors).toMatchObject({ values: [3], timestamps: [minute(1)], status: "Complete" });
    expect(series.clientErrors).toMatchObject({ values: [], status: "Complete" });
    expect(series.p99).toMatchObject({ values: [250], status: "Complete" });
    expect(series.errorRate).toMatchObject({ values: [0, 3 / 40], timestamps: [minute(0), minute(1)], status: "Complete" });
  });

  test("marks only the services of a failed call as failed", async () => {
    // Arrange
    const ids = Array.from({ length: 101 }, (_, i) => serviceId(i));
    cloudWatchMock
      .on(GetMetricDataCommand)
      .rejectsOnce(Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" }))
      .callsFake(metricResponder({}));
    const logger = recordingLogger();

    // Act
    const outcomes = await fetchServiceSeries(client, ids, window, logger);

    // Assert
    expect(outcomes[0]).toEqual({ ok: false, error: "GetMetricData failed: ThrottlingException: Rate exceeded" });
    expect(outcomes[99].ok).toBe(false);
    expect(outcomes[100].ok).toBe(true);
    expect(logger.at("error")).toHaveLength(1);
  });

  test("rethrows when every call fails", async () => {
    // Arrange
    cloudWatchMock
      .on(GetMetricDataCommand)
      .rejects(Object.assign(new Error("denied"), { name: "AccessDeniedException" }));

    // Act
    const call = fetchServiceSeries(client, [serviceId(1)], window, recordingLogger());

    // Assert
    await expect(call).rejects.toMatchObject({ name: "AccessDeniedException" });
  });

  test("gives an empty series for a query CloudWatch did not answer", async () => {
    // Arrange
    cloudWatchMock.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });

    // Act
    const [outcome] = await fetchServiceSeries(client, [serviceId(1)], window, recordingLogger());

    // Assert
    expect(okSeries(outcome).errors).toEqual({ values: [], timestamps: [], messages: ["no result for this query"] });
    expect(okSeries(outcome).errorRate).toEqual({ values: [], timestamps: [], messages: ["no result for this query"] });
  });

  test("stops following a NextToken that cycles and marks the services with incomplete queries unknown", async () => {
    // Arrange: the same partial page comes back under two alternating tokens; the fake ends after 200 calls
    let calls = 0;
    cloudWatchMock.on(GetMetricDataCommand).callsFake(() => {
      calls++;
      return {
        MetricDataResults: pageOf(0, "PartialData", { r: [50], e: [0], c: [0], l: [100], x: [0] }),
        NextToken: calls >= 200 ? undefined : calls % 2 === 0 ? "token-a" : "token-b",
      };
    });
    const logger = recordingLogger();

    // Act
    const [outcome] = await fetchServiceSeries(client, [serviceId(1)], window, logger);

    // Assert: first page, token-b, token-a, then token-b again stops the chain
    expect(calls).toBe(3);
    expect(outcome).toEqual({
      ok: false,
      error:
        "GetMetricData paging stopped early (a NextToken seen before came back after 3 pages); " +
        "the metrics of this service are incomplete",
    });
    expect(logger.at("warn")).toEqual([
      expect.objectContaining({
        message: "GetMetricData paging stopped early; services with incomplete metrics are unknown",
        attributes: expect.objectContaining({ pages: 3, service_ids: [serviceId(1)] }),
      }),
    ]);
  });

  test("stops at the page limit and keeps the services whose queries are all Complete", async () => {
    // Arrange: service 0 is Complete on the first page; service 1 stays PartialData under ever new tokens
    let calls = 0;
    cloudWatchMock.on(GetMetricDataCommand).callsFake(() => {
      calls++;
      const first = calls === 1;
      return {
        MetricDataResults: [
          ...(first ? pageOf(0, "Complete", { r: [500], e: [1], c: [2], l: [90], x: [1 / 500] }) : []),
          ...pageOf(1, "PartialData", { r: [10], e: [0], c: [0], l: [80], x: [0] }),
        ],
        NextToken: calls >= 200 ? undefined : `token-${calls}`,
      };
    });

    // Act
    const outcomes = await fetchServiceSeries(client, [serviceId(0), serviceId(1)], window, recordingLogger(), 500, 4);

    // Assert
    expect(calls).toBe(4);
    expect(okSeries(outcomes[0]).requests).toMatchObject({ values: [500], status: "Complete" });
    expect(outcomes[1]).toMatchObject({
      ok: false,
      error: expect.stringContaining("the limit of 4 pages was reached with a NextToken pending"),
    });
  });

  test("logs the CloudWatch messages that come with a query's data points and keeps them on its series", async () => {
    // Arrange
    cloudWatchMock.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        {
          Id: "r0",
          Values: [1000],
          StatusCode: "Complete",
          Messages: [{ Code: "MaxDatapointsExceeded", Value: "some data points were not returned" }],
        },
        { Id: "e0", Values: [1], StatusCode: "Complete" },
        { Id: "l0", Values: [100], StatusCode: "Complete" },
      ],
      Messages: [],
    });
    const logger = recordingLogger();

    // Act
    const [outcome] = await fetchServiceSeries(client, [serviceId(1)], window, logger);

    // Assert
    expect(logger.at("warn")).toEqual([
      {
        level: "warn",
        message: "GetMetricData returned messages for some queries",
        attributes: {
          queries: [
            {
              query_id: "r0",
              service_id: serviceId(1),
              status_code: "Complete",
              messages: [{ Code: "MaxDatapointsExceeded", Value: "some data points were not returned" }],
            },
          ],
        },
      },
    ]);
    expect(okSeries(outcome).requests.messages).toEqual(["MaxDatapointsExceeded: some data points were not returned"]);
  });

  test("makes no call for no services", async () => {
    // Act
    const outcomes = await fetchServiceSeries(client, [], window, recordingLogger());

    // Assert
    expect(outcomes).toEqual([]);
    expect(cloudWatchMock).not.toHaveReceivedCommand(GetMetricDataCommand);
  });
});

describe("Helper: metricResponder", () => {
  const metricQuery = (id: string, service: string, metricName: string, returnData = true): MetricDataQuery => ({
    Id: id,
    ReturnData: returnData,
    MetricStat: {
      Metric: { Namespace: "AWS/VpcLattice", MetricName: metricName, Dimensions: [{ Name: "Service", Value: service }] },
      Period: 60,
      Stat: "Sum",
    },
  });
  const input = (queries: MetricDataQuery[]): GetMetricDataCommandInput => ({
    StartTime: window.start,
    EndTime: window.end,
    MetricDataQueries: queries,
  });

  test("answers an expression from the ids it names, wherever those queries sit in the call", () => {
    // Arrange: the expression comes first and names ids that follow no index pattern
    const respond = metricResponder({
      [serviceId(1)]: { requests: [10, 20], errors: [1, null] },
      [serviceId(2)]: { requests: [1000, 1000], errors: [500, 500] },
    });

    // Act
    const output = respond(
      input([
        { Id: "rate", Expression: "fails/calls", ReturnData: true },
        metricQuery("other", serviceId(2), "HTTPCode_5XX_Count", false),
        metricQuery("calls", serviceId(1), "TotalRequestCount", false),
        metricQuery("fails", serviceId(1), "HTTPCode_5XX_Count", false),
      ])
    );

    // Assert: only the expression returns data, computed from service 1
    expect(output.MetricDataResults).toEqual([
      {
        Id: "rate",
        Label: undefined,
        Values: [1 / 10, 0 / 20],
        Timestamps: [new Date(minute(0)), new Date(minute(1))],
        StatusCode: "Complete",
      },
    ]);
  });

  test("gives a query its own status when one is set for its signal", () => {
    // Arrange
    const respond = metricResponder({
      [serviceId(1)]: { requests: [5], status: "Complete", statuses: { p99: "Forbidden", errorRate: "InternalError" } },
    });

    // Act
    const output = respond(input(serviceQueries(0, serviceId(1), 60)));

    // Assert
    expect(output.MetricDataResults?.map((r) => [r.Id, r.StatusCode])).toEqual([
      ["r0", "Complete"],
      ["e0", "Complete"],
      ["c0", "Complete"],
      ["l0", "Forbidden"],
      ["x0", "InternalError"],
    ]);
  });

  test("refuses fake data longer than the window", () => {
    // Arrange
    const respond = metricResponder({ [serviceId(1)]: { requests: [1, 2, 3, 4, 5, 6] } });

    // Act
    const act = () => respond(input(serviceQueries(0, serviceId(1), 60)));

    // Assert
    expect(act).toThrow(`${serviceId(1)} requests has 6 values for a window of 5 periods`);
  });
});
