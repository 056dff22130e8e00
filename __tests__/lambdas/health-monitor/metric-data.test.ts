import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";

import { fetchServiceSeries } from "../../../lambdas/health-monitor/metric-data";
import type { SeriesOutcome } from "../../../lambdas/health-monitor/metric-data";
import { metricWindow } from "../../../lambdas/health-monitor/metric-queries";
import { metricResponder, serviceId } from "../../helpers/lattice-fixtures";
import { recordingLogger } from "../../helpers/log-recorder";

const cloudWatchMock = mockClient(CloudWatchClient);
const client = new CloudWatchClient({ region: "eu-west-1" });
const window = metricWindow(new Date("2025-03-01T12:07:42Z"), 5);

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
  test("reads 200 services (600 queries) in 2 calls of at most 500 queries", async () => {
    // Arrange
    const ids = Array.from({ length: 200 }, (_, i) => serviceId(i));
    const metrics = Object.fromEntries(ids.map((id, i) => [id, { requests: [i], errors: [0], p99: [10] }]));
    cloudWatchMock.on(GetMetricDataCommand).callsFake(metricResponder(metrics));

    // Act
    const outcomes = await fetchServiceSeries(client, ids, window, recordingLogger());

    // Assert
    const sizes = cloudWatchMock
      .commandCalls(GetMetricDataCommand)
      .map((c) => c.args[0].input.MetricDataQueries?.length);
    expect(sizes).toEqual([498, 102]);
    expect(outcomes).toHaveLength(200);
    expect(okSeries(outcomes[199]).requests.values).toEqual([199]);
    expect(okSeries(outcomes[0]).requests.values).toEqual([0]);
  });

  test("keeps the three queries of a service in the same call", async () => {
    // Arrange
    const ids = Array.from({ length: 170 }, (_, i) => serviceId(i));
    cloudWatchMock.on(GetMetricDataCommand).callsFake(metricResponder({}));

    // Act
    await fetchServiceSeries(client, ids, window, recordingLogger());

    // Assert
    for (const call of cloudWatchMock.commandCalls(GetMetricDataCommand)) {
      const services = (call.args[0].input.MetricDataQueries ?? []).map(
        (q) => q.MetricStat?.Metric?.Dimensions?.[0].Value
      );
      const counts = new Map<string | undefined, number>();
      services.forEach((s) => counts.set(s, (counts.get(s) ?? 0) + 1));
      expect([...counts.values()].every((n) => n === 3)).toBe(true);
    }
  });

  test("asks for the window with one period per query", async () => {
    // Arrange
    cloudWatchMock.on(GetMetricDataCommand).callsFake(metricResponder({}));

    // Act
    await fetchServiceSeries(client, [serviceId(1)], window, recordingLogger());

    // Assert
    expect(cloudWatchMock).toHaveReceivedCommandWith(GetMetricDataCommand, {
      StartTime: new Date("2025-03-01T12:02:00Z"),
      EndTime: new Date("2025-03-01T12:07:00Z"),
    });
    const query = cloudWatchMock.commandCalls(GetMetricDataCommand)[0].args[0].input.MetricDataQueries?.[0];
    expect(query?.MetricStat?.Period).toBe(300);
  });

  test("follows NextToken and merges the values of each query across pages", async () => {
    // Arrange
    const id = serviceId(1);
    cloudWatchMock
      .on(GetMetricDataCommand)
      .resolvesOnce({
        MetricDataResults: [
          { Id: "r0", Values: [60], Timestamps: [new Date()], StatusCode: "PartialData" },
          { Id: "e0", Values: [], Timestamps: [], StatusCode: "PartialData" },
        ],
        NextToken: "token-2",
      })
      .resolvesOnce({
        MetricDataResults: [
          { Id: "r0", Values: [40], Timestamps: [new Date()], StatusCode: "Complete" },
          { Id: "e0", Values: [3], Timestamps: [new Date()], StatusCode: "Complete" },
          { Id: "l0", Values: [250], Timestamps: [new Date()], StatusCode: "Complete" },
        ],
      });

    // Act
    const [outcome] = await fetchServiceSeries(client, [id], window, recordingLogger());

    // Assert
    expect(cloudWatchMock).toHaveReceivedCommandTimes(GetMetricDataCommand, 2);
    expect(cloudWatchMock).toHaveReceivedNthCommandWith(2, GetMetricDataCommand, { NextToken: "token-2" });
    const series = okSeries(outcome);
    expect(series.requests).toMatchObject({ values: [60, 40], status: "Complete" });
    expect(series.errors).toMatchObject({ values: [3], status: "Complete" });
    expect(series.p99).toMatchObject({ values: [250], status: "Complete" });
  });

  test("marks only the services of a failed call as failed", async () => {
    // Arrange
    const ids = Array.from({ length: 200 }, (_, i) => serviceId(i));
    cloudWatchMock
      .on(GetMetricDataCommand)
      .rejectsOnce(Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" }))
      .callsFake(metricResponder({}));
    const logger = recordingLogger();

    // Act
    const outcomes = await fetchServiceSeries(client, ids, window, logger);

    // Assert
    expect(outcomes[0]).toEqual({ ok: false, error: "GetMetricData failed: ThrottlingException: Rate exceeded" });
    expect(outcomes[165].ok).toBe(false);
    expect(outcomes[166].ok).toBe(true);
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
    expect(okSeries(outcome).errors).toEqual({ values: [], messages: ["no result for this query"] });
  });

  test("stops following a NextToken that cycles and marks the services with incomplete queries unknown", async () => {
    // Arrange: the same partial page comes back under two alternating tokens; the fake ends after 200 calls
    let calls = 0;
    cloudWatchMock.on(GetMetricDataCommand).callsFake(() => {
      calls++;
      return {
        MetricDataResults: [
          { Id: "r0", Values: [50], Timestamps: [new Date()], StatusCode: "PartialData" },
          { Id: "e0", Values: [0], Timestamps: [new Date()], StatusCode: "PartialData" },
          { Id: "l0", Values: [100], Timestamps: [new Date()], StatusCode: "PartialData" },
        ],
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
          ...(first
            ? [
                { Id: "r0", Values: [500], StatusCode: "Complete" },
                { Id: "e0", Values: [1], StatusCode: "Complete" },
                { Id: "l0", Values: [90], StatusCode: "Complete" },
              ]
            : []),
          { Id: "r1", Values: [10], StatusCode: "PartialData" },
          { Id: "e1", Values: [0], StatusCode: "PartialData" },
          { Id: "l1", Values: [80], StatusCode: "PartialData" },
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
