/**
 * The error a topology or target listing throws when its paging stopped
 * before the last page. A partial listing would make a partial picture (a
 * listener, a rule or a target left out), so it is not used at all.
 */
import type { PagingResult } from "../paging";

/** A listing stopped on a `nextToken` seen before, or at its page limit. */
export class IncompletePagingError extends Error {
  override readonly name = "IncompletePagingError";

  /**
   * @param operation the API call, e.g. `ListRules`.
   * @param subject what was listed, e.g. `listener listener-... of service svc-...`.
   * @param paging how the token chain ended.
   * @param itemsRead items read before paging stopped.
   * @param noun plural of what the items are, e.g. `rules`.
   */
  constructor(
    readonly operation: string,
    readonly subject: string,
    paging: Extract<PagingResult, { complete: false }>,
    itemsRead: number,
    noun: string
  ) {
    super(
      `${operation} for ${subject} stopped early (${paging.reason}); ` +
        `${itemsRead} ${noun} were read in ${paging.pages} pages, the rest is unknown`
    );
  }
}
