/**
 * Counts the targets of one target group by health status, from every page of
 * `ListTargets`. Target health is read on every check (it changes by the
 * second); only the routing is cached (see cache.ts).
 */
import { ListTargetsCommand } from "@aws-sdk/client-vpc-lattice";
import type { ListTargetsCommandOutput, VPCLatticeClient } from "@aws-sdk/client-vpc-lattice";

import { readPages } from "../paging";
import { IncompletePagingError } from "./errors";
import { emptyTargetCounts, targetStatusKey } from "./target-counts";
import type { TargetCounts } from "./types";

/** Largest page ListTargets accepts. */
export const TARGETS_PAGE_SIZE = 100;

/**
 * Most ListTargets pages read for one target group: 2,000 targets at full
 * pages, above Lattice's targets-per-group quota; the limit only guards
 * against a token chain that never ends.
 */
export const MAX_TARGET_PAGES = 20;

/**
 * Reads every target of a target group and counts them by `status`. A status
 * outside `TARGET_STATUSES`, or none, counts as `OTHER`.
 * @param targetGroupId target group id (`tg-...`); an ARN works too.
 * @param maxPages page limit of the listing.
 * @throws IncompletePagingError when paging stops early (a `nextToken` seen
 *   before, or `maxPages` pages): part of a group's targets would give a wrong
 *   healthy share. Any SDK error propagates.
 */
export async function readTargetCounts(
  lattice: VPCLatticeClient,
  targetGroupId: string,
  maxPages: number = MAX_TARGET_PAGES
): Promise<TargetCounts> {
  const counts = emptyTargetCounts();
  let read = 0;
  const paging = await readPages<ListTargetsCommandOutput>(
    (nextToken) =>
      lattice.send(
        new ListTargetsCommand({ targetGroupIdentifier: targetGroupId, maxResults: TARGETS_PAGE_SIZE, nextToken })
      ),
    (page) => page.nextToken,
    (page) => {
      for (const target of page.items ?? []) {
        read++;
        counts[targetStatusKey(target?.status)]++;
      }
    },
    maxPages
  );
  if (!paging.complete) {
    throw new IncompletePagingError("ListTargets", `target group ${targetGroupId}`, paging, read, "targets");
  }
  return counts;
}
