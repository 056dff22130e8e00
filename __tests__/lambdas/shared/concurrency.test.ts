import { mapSettled } from "../../../lambdas/shared/concurrency";

/** Lets the pending promise callbacks run. */
const flush = () => new Promise((resolve) => setImmediate(resolve));

/** Runs `fn` through a gate: each call waits until the test releases it, and the running count is tracked. */
function gatedWork<R>(fn: (item: number) => R) {
  const waiting = new Map<number, () => void>();
  let running = 0;
  let mostRunning = 0;
  const started: number[] = [];
  const work = async (item: number): Promise<R> => {
    started.push(item);
    running++;
    mostRunning = Math.max(mostRunning, running);
    await new Promise<void>((resolve) => waiting.set(item, resolve));
    running--;
    return fn(item);
  };
  return {
    work,
    started,
    mostRunning: () => mostRunning,
    /** Releases the call for `item`, then lets the pool pick up the next one. */
    release: async (item: number) => {
      waiting.get(item)?.();
      await flush();
    },
  };
}

describe("Function: mapSettled", () => {
  test("returns the outcomes in the order of the items, whatever order they finish in", async () => {
    // Arrange
    const gate = gatedWork((item) => item * 10);
    const call = mapSettled([1, 2, 3], 3, gate.work);
    await flush();

    // Act
    await gate.release(3);
    await gate.release(1);
    await gate.release(2);
    const results = await call;

    // Assert
    expect(results).toEqual([
      { ok: true, value: 10 },
      { ok: true, value: 20 },
      { ok: true, value: 30 },
    ]);
  });

  test("runs at most `limit` calls at once and starts the next as soon as one ends", async () => {
    // Arrange
    const items = [1, 2, 3, 4, 5, 6, 7];
    const gate = gatedWork((item) => item);
    const call = mapSettled(items, 3, gate.work);
    await flush();

    // Act
    const startedFirst = [...gate.started];
    await gate.release(2);
    const startedAfterOne = [...gate.started];
    for (const item of items) {
      await gate.release(item);
    }
    await call;

    // Assert
    expect(startedFirst).toEqual([1, 2, 3]);
    expect(startedAfterOne).toEqual([1, 2, 3, 4]);
    expect(gate.mostRunning()).toBe(3);
    expect(gate.started).toEqual(items);
  });

  test("settles a rejection as a failed outcome and still runs every other item", async () => {
    // Arrange
    const failure = new Error("item 2 failed");
    const seen: number[] = [];

    // Act
    const results = await mapSettled([1, 2, 3, 4], 1, async (item) => {
      seen.push(item);
      if (item === 2) {
        throw failure;
      }
      return `done ${item}`;
    });

    // Assert
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(results).toEqual([
      { ok: true, value: "done 1" },
      { ok: false, error: failure },
      { ok: true, value: "done 3" },
      { ok: true, value: "done 4" },
    ]);
  });

  test("settles a synchronous throw as a failed outcome", async () => {
    // Act
    const results = await mapSettled(["a"], 2, (): Promise<string> => {
      throw new Error("thrown before any await");
    });

    // Assert
    expect(results).toEqual([{ ok: false, error: new Error("thrown before any await") }]);
  });

  test("passes each item with its index", async () => {
    // Arrange
    const fn = jest.fn(async (item: string, index: number) => `${index}:${item}`);

    // Act
    const results = await mapSettled(["a", "b", "c"], 2, fn);

    // Assert
    expect(fn.mock.calls).toEqual([
      ["a", 0],
      ["b", 1],
      ["c", 2],
    ]);
    expect(results.map((r) => r.ok && r.value)).toEqual(["0:a", "1:b", "2:c"]);
  });

  test("runs every item at once when the limit exceeds their number", async () => {
    // Arrange
    const gate = gatedWork((item) => item);
    const call = mapSettled([1, 2], 10, gate.work);
    await flush();

    // Act
    const started = [...gate.started];
    await gate.release(1);
    await gate.release(2);
    await call;

    // Assert
    expect(started).toEqual([1, 2]);
    expect(gate.mostRunning()).toBe(2);
  });

  test("returns an empty list for no items without calling the function", async () => {
    // Arrange
    const fn = jest.fn(async () => 1);

    // Act
    const results = await mapSettled([], 4, fn);

    // Assert
    expect(results).toEqual([]);
    expect(fn).not.toHaveBeenCalled();
  });

  test.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    "rejects the limit %p without calling the function",
    async (limit) => {
      // Arrange
      const fn = jest.fn(async () => 1);

      // Act
      const call = mapSettled([1, 2], limit, fn);

      // Assert
      await expect(call).rejects.toThrow(`concurrency limit must be a positive integer, got ${limit}`);
      expect(fn).not.toHaveBeenCalled();
    }
  );
});
