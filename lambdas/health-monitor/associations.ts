/**
 * Lists the Lattice services of one service network through its
 * service-network/service associations (`ListServices` cannot filter by network).
 */
import { paginateListServiceNetworkServiceAssociations } from "@aws-sdk/client-vpc-lattice";
import type { VPCLatticeClient } from "@aws-sdk/client-vpc-lattice";

import type { Log } from "../shared/logger";

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

/**
 * Reads every page of the network's service associations and keeps the
 * `ACTIVE` ones; the others (being created, deleted, failed) are logged and
 * returned as skipped.
 * @param serviceNetworkIdentifier service network id or ARN.
 */
export async function listNetworkServices(
  client: VPCLatticeClient,
  serviceNetworkIdentifier: string,
  logger: Log
): Promise<NetworkServices> {
  const active: NetworkService[] = [];
  const skipped: SkippedAssociation[] = [];
  const pages = paginateListServiceNetworkServiceAssociations(
    { client, pageSize: ASSOCIATIONS_PAGE_SIZE, stopOnSameToken: true },
    { serviceNetworkIdentifier }
  );
  for await (const page of pages) {
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
      } else {
        active.push({ serviceId: item.serviceId, serviceName: item.serviceName, serviceArn: item.serviceArn });
      }
    }
  }
  for (const association of skipped) {
    logger.info("Skipping service association", { association });
  }
  return { active, skipped };
}
