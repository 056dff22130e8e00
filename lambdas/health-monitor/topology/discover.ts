/**
 * Discovers the routing of one Lattice service: its listeners, their default
 * actions, and the actions of their other rules.
 *
 * Calls, one after another (the caller runs many services at once):
 * 1. `ListListeners`, every page. A summary carries no action.
 * 2. Per listener, `GetListener` for its `defaultAction`, then `ListRules`,
 *    every page, then `GetRule` for each rule that is not the default one (the
 *    default rule's action is the listener's default action, already read).
 *
 * Failure handling:
 * - A listing whose paging stops early (a `nextToken` seen before, or
 *   `maxPages` pages) throws `IncompletePagingError`: a partial topology would
 *   leave a target group out unnoticed.
 * - A listener or rule deleted between its listing and its read (or during
 *   `ListRules`) answers `ResourceNotFoundException`; it no longer routes
 *   anything, so it is left out (a listener with all its actions) and noted in
 *   `ignored`, and the rest of the service is still read.
 * - Any other error propagates: the caller isolates one service's failure.
 * - Entries that cannot be used (no id, an unknown action type, a bad weight)
 *   are left out and noted in `ignored`; the caller logs those lines once,
 *   when it discovers the topology (not on each reuse from the cache).
 */
import {
  GetListenerCommand,
  GetRuleCommand,
  ListListenersCommand,
  ListRulesCommand,
} from "@aws-sdk/client-vpc-lattice";
import type {
  GetListenerCommandOutput,
  ListListenersCommandOutput,
  ListRulesCommandOutput,
  VPCLatticeClient,
} from "@aws-sdk/client-vpc-lattice";

import { describeError, isAwsError } from "../../shared/errors";
import { readPages } from "../paging";
import { IncompletePagingError } from "./errors";
import { toRouteAction } from "./route-action";
import type { RouteAction, ServiceTopology } from "./types";

/** Largest page ListListeners and ListRules accept. */
export const TOPOLOGY_PAGE_SIZE = 100;

/**
 * Most pages read for one listing (2,000 listeners, or 2,000 rules of one
 * listener). Lattice's quotas allow far fewer, so one page is the rule; the
 * limit only guards against a token chain that never ends.
 */
export const MAX_TOPOLOGY_PAGES = 20;

/** A topology as discovery returns it, with what it left out. */
export interface DiscoveredTopology extends ServiceTopology {
  /** Entries left out of `actions` (or listeners left out of `listenerCount`), one line each, for the caller to log. */
  readonly ignored: readonly string[];
}

/**
 * Reads the listeners and rules of a service.
 * @param serviceId Lattice service id (`svc-...`); an ARN works too.
 * @param now epoch milliseconds, stored as `discoveredAt`.
 * @param maxPages page limit of each listing.
 * @returns the actions of every listener that still exists; `listenerCount`
 *   counts those listeners only.
 * @throws IncompletePagingError when a listing stops early; any SDK error
 *   other than `ResourceNotFoundException` on a listener or rule.
 */
export async function discoverTopology(
  lattice: VPCLatticeClient,
  serviceId: string,
  now: number,
  maxPages: number = MAX_TOPOLOGY_PAGES
): Promise<DiscoveredTopology> {
  const ignored: string[] = [];
  const listenerIds = await listListenerIds(lattice, serviceId, maxPages, ignored);
  const actions: RouteAction[] = [];
  let listenerCount = 0;
  for (const listenerId of listenerIds) {
    const listener = await readListener(lattice, serviceId, listenerId, maxPages);
    ignored.push(...listener.ignored);
    if (listener.exists) {
      listenerCount++;
      actions.push(...listener.actions);
    }
  }
  return { serviceId, listenerCount, actions, discoveredAt: now, ignored };
}

interface ListenerReading {
  /** False when the listener was deleted while it was read. */
  readonly exists: boolean;
  readonly actions: RouteAction[];
  readonly ignored: string[];
}

async function listListenerIds(
  lattice: VPCLatticeClient,
  serviceId: string,
  maxPages: number,
  ignored: string[]
): Promise<string[]> {
  const ids = new Set<string>();
  let read = 0;
  const paging = await readPages<ListListenersCommandOutput>(
    (nextToken) =>
      lattice.send(
        new ListListenersCommand({ serviceIdentifier: serviceId, maxResults: TOPOLOGY_PAGE_SIZE, nextToken })
      ),
    (page) => page.nextToken,
    (page) => {
      for (const item of page.items ?? []) {
        read++;
        if (!item?.id) {
          ignored.push(`ListListeners returned a listener without an id (name ${item?.name ?? "missing"}); left out`);
        } else if (ids.has(item.id)) {
          ignored.push(`ListListeners returned listener ${item.id} twice; read once`);
        } else {
          ids.add(item.id);
        }
      }
    },
    maxPages
  );
  if (!paging.complete) {
    throw new IncompletePagingError("ListListeners", `service ${serviceId}`, paging, read, "listeners");
  }
  return [...ids];
}

async function readListener(
  lattice: VPCLatticeClient,
  serviceId: string,
  listenerId: string,
  maxPages: number
): Promise<ListenerReading> {
  const gone = (operation: string, error: unknown): ListenerReading => ({
    exists: false,
    actions: [],
    ignored: [`listener ${listenerId} was deleted while it was read (${operation}: ${describeError(error)}); left out`],
  });

  let listener: GetListenerCommandOutput;
  try {
    listener = await lattice.send(
      new GetListenerCommand({ serviceIdentifier: serviceId, listenerIdentifier: listenerId })
    );
  } catch (error) {
    if (isAwsError(error, "ResourceNotFoundException")) {
      return gone("GetListener", error);
    }
    throw error;
  }
  const actions: RouteAction[] = [];
  const ignored: string[] = [];
  const defaultAction = toRouteAction(listener.defaultAction, { listenerId });
  ignored.push(...defaultAction.ignored);
  if (defaultAction.action) {
    actions.push(defaultAction.action);
  }

  let ruleIds: string[];
  try {
    ruleIds = await listRuleIds(lattice, serviceId, listenerId, maxPages, ignored);
  } catch (error) {
    if (isAwsError(error, "ResourceNotFoundException")) {
      return gone("ListRules", error);
    }
    throw error;
  }
  for (const ruleId of ruleIds) {
    try {
      const rule = await lattice.send(
        new GetRuleCommand({ serviceIdentifier: serviceId, listenerIdentifier: listenerId, ruleIdentifier: ruleId })
      );
      const ruleAction = toRouteAction(rule.action, { listenerId, ruleId });
      ignored.push(...ruleAction.ignored);
      if (ruleAction.action) {
        actions.push(ruleAction.action);
      }
    } catch (error) {
      if (!isAwsError(error, "ResourceNotFoundException")) {
        throw error;
      }
      const cause = `GetRule: ${describeError(error)}`;
      ignored.push(`rule ${ruleId} of listener ${listenerId} was deleted while it was read (${cause}); left out`);
    }
  }
  return { exists: true, actions, ignored };
}

/** Ids of the listener's rules, the default rule left out. */
async function listRuleIds(
  lattice: VPCLatticeClient,
  serviceId: string,
  listenerId: string,
  maxPages: number,
  ignored: string[]
): Promise<string[]> {
  const ids = new Set<string>();
  let read = 0;
  const paging = await readPages<ListRulesCommandOutput>(
    (nextToken) =>
      lattice.send(
        new ListRulesCommand({
          serviceIdentifier: serviceId,
          listenerIdentifier: listenerId,
          maxResults: TOPOLOGY_PAGE_SIZE,
          nextToken,
        })
      ),
    (page) => page.nextToken,
    (page) => {
      for (const item of page.items ?? []) {
        read++;
        if (item?.isDefault === true) {
          continue;
        }
        if (!item?.id) {
          ignored.push(
            `ListRules returned a rule without an id (name ${item?.name ?? "missing"}) ` +
              `for listener ${listenerId}; left out`
          );
        } else if (ids.has(item.id)) {
          ignored.push(`ListRules returned rule ${item.id} of listener ${listenerId} twice; read once`);
        } else {
          ids.add(item.id);
        }
      }
    },
    maxPages
  );
  if (!paging.complete) {
    throw new IncompletePagingError(
      "ListRules",
      `listener ${listenerId} of service ${serviceId}`,
      paging,
      read,
      "rules"
    );
  }
  return [...ids];
}
