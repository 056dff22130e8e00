import { readPages } from "../../../lambdas/health-monitor/paging";

/** A page source that answers token → next token from `chain`, and records what it was asked. */
function pagesFrom(chain: Record<string, string | undefined>) {
  const asked: (string | undefined)[] = [];
  const fetchPage = async (token: string | undefined) => {
    asked.push(token);
    return { next: chain[token ?? "first"] };
  };
  return { asked, fetchPage };
}

describe("Function: readPages", () => {
  test("reads every page until there is no next token", async () => {
    // Arrange
    const { asked, fetchPage } = pagesFrom({ first: "b", b: "c", c: undefined });
    const seen: unknown[] = [];

    // Act
    const result = await readPages(
      fetchPage,
      (p) => p.next,
      (p) => seen.push(p),
      20
    );

    // Assert
    expect(result).toEqual({ complete: true, pages: 3 });
    expect(asked).toEqual([undefined, "b", "c"]);
    expect(seen).toHaveLength(3);
  });

  test("treats an empty next token as the last page", async () => {
    // Arrange
    const { asked, fetchPage } = pagesFrom({ first: "" });

    // Act
    const result = await readPages(
      fetchPage,
      (p) => p.next,
      () => undefined,
      20
    );

    // Assert
    expect(result).toEqual({ complete: true, pages: 1 });
    expect(asked).toEqual([undefined]);
  });

  test("stops on a token that cycles back and never reads a token twice", async () => {
    // Arrange: a -> b -> a
    const { asked, fetchPage } = pagesFrom({ first: "a", a: "b", b: "a" });

    // Act
    const result = await readPages(
      fetchPage,
      (p) => p.next,
      () => undefined,
      20
    );

    // Assert
    expect(result).toEqual({ complete: false, pages: 3, reason: "a NextToken seen before came back after 3 pages" });
    expect(asked).toEqual([undefined, "a", "b"]);
  });

  test("stops on a token that repeats at once", async () => {
    // Arrange
    const { asked, fetchPage } = pagesFrom({ first: "a", a: "a" });

    // Act
    const result = await readPages(
      fetchPage,
      (p) => p.next,
      () => undefined,
      20
    );

    // Assert
    expect(result).toMatchObject({ complete: false, pages: 2 });
    expect(asked).toEqual([undefined, "a"]);
  });

  test("stops at the page limit with a token pending", async () => {
    // Arrange: a chain of fresh tokens that never ends
    let page = 0;
    const fetchPage = async () => ({ next: `token-${++page}` });

    // Act
    const result = await readPages(
      fetchPage,
      (p) => p.next,
      () => undefined,
      20
    );

    // Assert
    expect(result).toEqual({
      complete: false,
      pages: 20,
      reason: "the limit of 20 pages was reached with a NextToken pending",
    });
    expect(page).toBe(20);
  });

  test("reads the last page when it is exactly the page limit", async () => {
    // Arrange
    const { fetchPage } = pagesFrom({ first: "b", b: undefined });

    // Act
    const result = await readPages(
      fetchPage,
      (p) => p.next,
      () => undefined,
      2
    );

    // Assert
    expect(result).toEqual({ complete: true, pages: 2 });
  });
});
