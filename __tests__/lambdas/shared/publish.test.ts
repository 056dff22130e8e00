import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import type { PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import { mockClient } from "aws-sdk-client-mock";

import { PublishEventsError, backoffDelay, publishEvents } from "../../../lambdas/shared/publish";
import { recordingLogger } from "../../helpers/log-recorder";

const eventBridgeMock = mockClient(EventBridgeClient);
const client = new EventBridgeClient({ region: "eu-west-1" });

function entries(count: number): PutEventsRequestEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    EventBusName: "lifecycle-bus",
    Source: "service-lifecycle.health-monitor",
    DetailType: "Service Health Check",
    Detail: JSON.stringify({ n: i }),
  }));
}

/** Sent entries of the nth PutEvents call (0-based), by their `n`. */
function sentNumbers(call: number): number[] {
  const input = eventBridgeMock.commandCalls(PutEventsCommand)[call].args[0].input;
  return (input.Entries ?? []).map((e) => JSON.parse(e.Detail ?? "{}").n as number);
}

const ok = (count: number) => ({
  FailedEntryCount: 0,
  Entries: Array.from({ length: count }, (_, i) => ({ EventId: `evt-${i}` })),
});
const noSleep = { sleep: async () => undefined, random: () => 0.5 };

beforeEach(() => {
  eventBridgeMock.reset();
});

describe("Function: publishEvents", () => {
  test("sends 25 entries in batches of at most 10", async () => {
    // Arrange
    eventBridgeMock.on(PutEventsCommand).callsFake((input) => ok(input.Entries.length));

    // Act
    const result = await publishEvents(client, entries(25), noSleep);

    // Assert
    const sizes = eventBridgeMock.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries?.length);
    expect(sizes).toEqual([10, 10, 5]);
    expect(result).toEqual({ published: 25, calls: 3, resent: 0 });
  });

  test("makes no call when there is nothing to publish", async () => {
    // Act
    const result = await publishEvents(client, [], noSleep);

    // Assert
    expect(eventBridgeMock).not.toHaveReceivedCommand(PutEventsCommand);
    expect(result).toEqual({ published: 0, calls: 0, resent: 0 });
  });

  test("resends only the failed entries, then succeeds", async () => {
    // Arrange: entries 1 and 3 of 4 fail once
    eventBridgeMock
      .on(PutEventsCommand)
      .resolvesOnce({
        FailedEntryCount: 2,
        Entries: [
          { EventId: "a" },
          { ErrorCode: "InternalFailure", ErrorMessage: "try again" },
          { EventId: "c" },
          { ErrorCode: "ThrottlingException", ErrorMessage: "slow down" },
        ],
      })
      .resolves(ok(2));
    const sleep = jest.fn(async () => undefined);
    const logger = recordingLogger();

    // Act
    const result = await publishEvents(client, entries(4), { sleep, random: () => 0.5, logger });

    // Assert
    expect(eventBridgeMock).toHaveReceivedCommandTimes(PutEventsCommand, 2);
    expect(sentNumbers(0)).toEqual([0, 1, 2, 3]);
    expect(sentNumbers(1)).toEqual([1, 3]);
    expect(sleep).toHaveBeenCalledTimes(1);
    expect(result).toEqual({ published: 4, calls: 2, resent: 2 });
    expect(logger.at("warn")[0].attributes).toMatchObject({
      rejected: 2,
      error_codes: ["InternalFailure", "ThrottlingException"],
    });
  });

  test("throws listing the error codes when entries keep failing", async () => {
    // Arrange: entry 0 always fails, entry 1 succeeds at once
    eventBridgeMock
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 1, Entries: [{ ErrorCode: "InternalFailure" }, { EventId: "b" }] })
      .resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: "InternalFailure" }] });

    // Act
    const call = publishEvents(client, entries(2), { ...noSleep, maxAttempts: 3 });

    // Assert
    await expect(call).rejects.toThrow("PutEvents rejected 1 event(s) after retries (error codes: InternalFailure)");
    await expect(call).rejects.toBeInstanceOf(PublishEventsError);
    expect(eventBridgeMock).toHaveReceivedCommandTimes(PutEventsCommand, 3);
    expect(sentNumbers(2)).toEqual([0]);
  });

  test("tries every batch before it throws", async () => {
    // Arrange: the first batch always fails one entry, the second succeeds
    eventBridgeMock.on(PutEventsCommand).callsFake((input) => {
      const firstIsZero = JSON.parse(input.Entries[0].Detail).n === 0;
      if (!firstIsZero) {
        return ok(input.Entries.length);
      }
      const results = input.Entries.map((_: unknown, i: number) =>
        i === 0 ? { ErrorCode: "InternalFailure" } : { EventId: `evt-${i}` }
      );
      return { FailedEntryCount: 1, Entries: results };
    });

    // Act
    const error = await publishEvents(client, entries(12), { ...noSleep, maxAttempts: 2 }).catch((e: unknown) => e);

    // Assert
    expect(error).toBeInstanceOf(PublishEventsError);
    expect((error as PublishEventsError).result.published).toBe(11);
    expect(sentNumbers(2)).toEqual([10, 11]);
  });

  test("treats a missing result entry as failed when the response reports failures", async () => {
    // Arrange
    eventBridgeMock
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 1, Entries: [{ EventId: "a" }] })
      .resolves(ok(1));

    // Act
    const result = await publishEvents(client, entries(2), noSleep);

    // Assert
    expect(sentNumbers(1)).toEqual([1]);
    expect(result.published).toBe(2);
  });

  test("rethrows an error of the call itself", async () => {
    // Arrange
    eventBridgeMock.on(PutEventsCommand).rejects(Object.assign(new Error("denied"), { name: "AccessDeniedException" }));

    // Act
    const call = publishEvents(client, entries(1), noSleep);

    // Assert
    await expect(call).rejects.toMatchObject({ name: "AccessDeniedException" });
  });

  test("backs off exponentially between attempts", async () => {
    // Arrange
    eventBridgeMock.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: "InternalFailure" }] });
    const sleep = jest.fn(async (_ms: number) => undefined);

    // Act
    await publishEvents(client, entries(1), { sleep, random: () => 0.999, maxAttempts: 4, baseDelayMs: 100 }).catch(
      () => undefined
    );

    // Assert
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([99, 199, 399]);
  });
});

describe("publishEvents with concurrency", () => {
  test("keeps at most `concurrency` batches in flight and publishes every entry", async () => {
    let inFlight = 0;
    let most = 0;
    eventBridgeMock.on(PutEventsCommand).callsFake(async (input) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return ok(input.Entries.length);
    });
    const result = await publishEvents(client, entries(95), { ...noSleep, concurrency: 3 });
    expect(result).toEqual({ published: 95, calls: 10, resent: 0 });
    expect(most).toBe(3);
  });

  test("tries every batch before rethrowing an error of the call itself", async () => {
    let call = 0;
    eventBridgeMock.on(PutEventsCommand).callsFake(async (input) => {
      call++;
      if (call === 1) {
        throw Object.assign(new Error("socket hang up"), { name: "TimeoutError" });
      }
      return ok(input.Entries.length);
    });
    await expect(publishEvents(client, entries(30), { ...noSleep, concurrency: 2 })).rejects.toThrow("socket hang up");
    expect(eventBridgeMock.commandCalls(PutEventsCommand)).toHaveLength(3);
  });
});

describe("Function: backoffDelay", () => {
  test("doubles the ceiling per retry and caps it", () => {
    // Act
    const delays = [1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, 100, 500, () => 1));

    // Assert
    expect(delays).toEqual([100, 200, 400, 500, 500]);
  });

  test("draws the delay between 0 and the ceiling", () => {
    // Act
    const delay = backoffDelay(3, 100, 2000, () => 0.25);

    // Assert
    expect(delay).toBe(100);
  });
});
