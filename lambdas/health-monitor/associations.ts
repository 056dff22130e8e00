/**
 * Lists the Lattice services of one service network through its
 * service-network/service associations (`ListServices` cannot filter by network).
 *
 * The listing must be whole: a service left off would silently go unchecked
 * (no event, so it is never scaled). So when paging stops early, on a
 * `nextToken` seen before or after `MAX_ASSOCIATION_PAGES` pages, the listing
 * throws instead of returning the services read so far; the invocation fails,
 * and the next scheduled run tries again.
 */
import { ListServiceNetworkServiceAssociationsCommand } from "@aws-sdk/client-vpc-lattice";
import type { ListServiceNetworkServiceAssociationsCommandOutput, VPCLatticeClient } from "@aws-sdk/client-vpc-lattice";

import type { Log } from "../shared/logger";
import { readPages } from "./paging";

/** A Lattice service whose association with the network is `ACTIVE`. */
export interface NetworkService {
  /** Service id (`svc-...`), the value of the `Service` metric dimension. */
  readonly serviceId: string;
  readonly serviceName: string;
  readonly serviceArn?: string;
}

/** An association that was not checked, and why. */
export interface SkippedAssociation {
  readonly associationId?: string;
  readonly serviceId?: string;
  readonly serviceName?: string;
  readonly status?: string;
  readonly reason: string;
}

export interface NetworkServices {
  readonly active: NetworkService[];
  readonly skipped: SkippedAssociation[];
}

/** Largest page ListServiceNetworkServiceAssociations accepts. */
export const ASSOCIATIONS_PAGE_SIZE = 100;

/** Most pages read for one listing: 2,000 associations at full pages. */
export const MAX_ASSOCIATION_PAGES = 20;

/** The association listing stopped before its last page. */
export class IncompleteListingError extends Error {
  override readonly name = "IncompleteListingError";
}

/**
 * Reads every page of the network's service associations and keeps the
 * `ACTIVE` ones; the others (being created, deleted, failed) are logged and
 * returned as skipped.
 * @param serviceNetworkIdentifier service network id or ARN.
 * @throws IncompleteListingError when a `nextToken` comes back that was seen
 *   before, or `maxPages` pages did not reach the end.
 */
export async function listNetworkServices(
  client: VPCLatticeClient,
  serviceNetworkIdentifier: string,
  logger: Log,
  maxPages: number = MAX_ASSOCIATION_PAGES
): Promise<NetworkServices> {
  const active: NetworkService[] = [];
  const skipped: SkippedAssociation[] = [];
  const listed = new Set<string>();
  const paging = await readPages<ListServiceNetworkServiceAssociationsCommandOutput>(
    (nextToken) =>
      client.send(
        new ListServiceNetworkServiceAssociationsCommand({
          serviceNetworkIdentifier,
          maxResults: ASSOCIATIONS_PAGE_SIZE,
          nextToken,
        })
      ),
    (page) => page.nextToken,
    (page) => {
      for (const item of page.items ?? []) {
        const ref = {
          associationId: item.id,
          serviceId: item.serviceId,
          serviceName: item.serviceName,
          status: item.status,
        };
        if (item.status !== "ACTIVE") {
          skipped.push({ ...ref, reason: `association status is ${item.status ?? "missing"}, not ACTIVE` });
        } else if (!item.serviceId || !item.serviceName) {
          skipped.push({ ...ref, reason: "association has no service id or name" });
        } else if (listed.has(item.serviceId)) {
          skipped.push({ ...ref, reason: "the service was already listed (a repeated item across pages)" });
        } else {
          listed.add(item.serviceId);
          active.push({ serviceId: item.serviceId, serviceName: item.serviceName, serviceArn: item.serviceArn });
        }
      }
    },
    maxPages
  );
  if (!paging.complete) {
    throw new IncompleteListingError(
      `Listing the service associations of ${serviceNetworkIdentifier} stopped early (${paging.reason}); ` +
        `${active.length + skipped.length} associations were read, the rest is unknown, so no service is checked`
    );
  }
  for (const association of skipped) {
    logger.info("Skipping service association", { association });
  }
  return { active, skipped };
}
