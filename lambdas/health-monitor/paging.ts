/**
 * Follows a `NextToken` chain with two guards the SDK paginators lack: a page
 * limit, and a stop on any token seen before (`stopOnSameToken` only catches
 * a token that repeats at once, not a cycle such as a -> b -> a).
 */

/** How a token chain ended. */
export type PagingResult =
  | { readonly complete: true; readonly pages: number }
  | {
      readonly complete: false;
      readonly pages: number;
      /** Why paging stopped while a token was still pending; reads as a sentence fragment. */
      readonly reason: string;
    };

/**
 * Reads pages until there is no next token, a token comes back that was seen
 * before, or `maxPages` pages have been read.
 * @param fetchPage reads the page of `token`; `undefined` for the first page.
 * @param nextTokenOf the token of the next page; `undefined` or `""` ends the chain.
 * @param onPage called with every page, in order, before the next one is read.
 * @returns `complete: false` with a reason when a token was still pending.
 */
export async function readPages<TPage>(
  fetchPage: (token: string | undefined) => Promise<TPage>,
  nextTokenOf: (page: TPage) => string | undefined,
  onPage: (page: TPage) => void,
  maxPages: number
): Promise<PagingResult> {
  const seen = new Set<string>();
  let token: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await fetchPage(token);
    pages++;
    onPage(page);
    token = nextTokenOf(page) || undefined;
    if (token === undefined) {
      return { complete: true, pages };
    }
    if (seen.has(token)) {
      return { complete: false, pages, reason: `a NextToken seen before came back after ${pages} pages` };
    }
    if (pages >= maxPages) {
      return { complete: false, pages, reason: `the limit of ${maxPages} pages was reached with a NextToken pending` };
    }
    seen.add(token);
  }
}
