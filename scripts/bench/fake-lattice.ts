/**
 * VPC Lattice answers for the fake fleet, in the response shapes of
 * API version 2022-11-30 (FACTS §1): association, listener and rule
 * listings without actions, `GetListener`/`GetRule` with their `forward`
 * actions, and `ListTargets` with each target's status.
 *
 * List calls page like the real API: `maxResults` 1-100 (100 when omitted)
 * and an opaque `nextToken`. Identifiers may be ids or ARNs.
 */
import type {
  GetListenerCommandInput,
  GetListenerCommandOutput,
  GetRuleCommandInput,
  GetRuleCommandOutput,
  ListListenersCommandInput,
  ListListenersCommandOutput,
  ListRulesCommandInput,
  ListRulesCommandOutput,
  ListServiceNetworkServiceAssociationsCommandInput,
  ListServiceNetworkServiceAssociationsCommandOutput,
  ListTargetsCommandInput,
  ListTargetsCommandOutput,
  RuleAction,
  RuleSummary,
} from "@aws-sdk/client-vpc-lattice";

import { notFoundError, validationError } from "./fake-errors";
import type { FakeForward, FakeListener, FakeService, Fleet } from "./fleet";
import type { Responders } from "./responders";

type Body<T> = Omit<T, "$metadata">;

/** Largest `maxResults` the Lattice List calls accept, and their page size here when none is given. */
export const LATTICE_PAGE_SIZE = 100;

const CREATED_AT = new Date("2025-01-01T00:00:00Z");

/** The id at the end of an id or ARN (`.../listener/listener-0123` gives `listener-0123`). */
function lastSegment(identifier: string | undefined): string {
  return (identifier ?? "").split("/").pop() ?? "";
}

/** One page of `items`, with the token of the next page when there is one. */
function page<T>(
  operation: string,
  items: readonly T[],
  input: { maxResults?: number; nextToken?: string }
): { items: T[]; nextToken?: string } {
  const size = input.maxResults ?? LATTICE_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > LATTICE_PAGE_SIZE) {
    throw validationError(operation, `maxResults must be 1-${LATTICE_PAGE_SIZE}, got ${size}`);
  }
  const match = input.nextToken === undefined ? ["", "0"] : /^fake-page:(\d+)$/.exec(input.nextToken);
  if (!match) throw validationError(operation, `nextToken ${input.nextToken} is not one this API returned`);
  const offset = Number(match[1]);
  const end = offset + size;
  return { items: items.slice(offset, end), nextToken: end < items.length ? `fake-page:${end}` : undefined };
}

function forwardAction(forward: readonly FakeForward[]): RuleAction {
  return {
    forward: { targetGroups: forward.map((f) => ({ targetGroupIdentifier: f.targetGroupId, weight: f.weight })) },
  };
}

/** The Lattice responders over `fleet`. */
export function latticeResponders(fleet: Fleet): Responders {
  const service = (operation: string, identifier: string | undefined): FakeService => {
    const found = fleet.servicesById.get(lastSegment(identifier));
    if (!found) throw notFoundError(operation, `service ${identifier}`);
    return found;
  };
  const listener = (operation: string, input: { serviceIdentifier?: string; listenerIdentifier?: string }): FakeListener => {
    const found = service(operation, input.serviceIdentifier).listeners.find((l) => l.id === lastSegment(input.listenerIdentifier));
    if (!found) throw notFoundError(operation, `listener ${input.listenerIdentifier}`);
    return found;
  };

  return {
    ListServiceNetworkServiceAssociations: (
      input: ListServiceNetworkServiceAssociationsCommandInput
    ): Body<ListServiceNetworkServiceAssociationsCommandOutput> => {
      const operation = "ListServiceNetworkServiceAssociations";
      if (!input.serviceNetworkIdentifier && !input.serviceIdentifier) {
        throw validationError(operation, "give serviceNetworkIdentifier or serviceIdentifier");
      }
      const network = fleet.network;
      if (input.serviceNetworkIdentifier && ![network.id, network.arn].includes(input.serviceNetworkIdentifier)) {
        throw notFoundError(operation, `service network ${input.serviceNetworkIdentifier}`);
      }
      const services = input.serviceIdentifier ? [service(operation, input.serviceIdentifier)] : fleet.services;
      const { items, nextToken } = page(operation, services, input);
      return {
        items: items.map((s) => ({
          arn: s.associationArn,
          id: s.associationId,
          status: "ACTIVE",
          serviceId: s.id,
          serviceName: s.name,
          serviceArn: s.arn,
          serviceNetworkId: network.id,
          serviceNetworkName: network.name,
          serviceNetworkArn: network.arn,
          dnsEntry: {
            domainName: `${s.name}-${s.id.slice(4)}.7d67968.vpc-lattice-svcs.${fleet.region}.on.aws`,
            hostedZoneId: "Z0123456789ABCDEFGHIJ",
          },
          createdBy: fleet.accountId,
          createdAt: CREATED_AT,
        })),
        nextToken,
      };
    },

    ListListeners: (input: ListListenersCommandInput): Body<ListListenersCommandOutput> => {
      const { items, nextToken } = page("ListListeners", service("ListListeners", input.serviceIdentifier).listeners, input);
      return {
        items: items.map((l) => ({
          arn: l.arn,
          id: l.id,
          name: l.name,
          port: l.port,
          protocol: l.protocol,
          createdAt: CREATED_AT,
          lastUpdatedAt: CREATED_AT,
        })),
        nextToken,
      };
    },

    GetListener: (input: GetListenerCommandInput): Body<GetListenerCommandOutput> => {
      const found = listener("GetListener", input);
      const owner = service("GetListener", input.serviceIdentifier);
      return {
        arn: found.arn,
        id: found.id,
        name: found.name,
        port: found.port,
        protocol: found.protocol,
        serviceArn: owner.arn,
        serviceId: owner.id,
        defaultAction: forwardAction(found.defaultForward),
        createdAt: CREATED_AT,
        lastUpdatedAt: CREATED_AT,
      };
    },

    ListRules: (input: ListRulesCommandInput): Body<ListRulesCommandOutput> => {
      const found = listener("ListRules", input);
      const summaries: RuleSummary[] = [
        ...found.rules.map((r) => ({ arn: r.arn, id: r.id, name: r.name, isDefault: false, priority: r.priority })),
        { arn: `${found.arn}/rule/${found.defaultRuleId}`, id: found.defaultRuleId, name: "default", isDefault: true },
      ].map((r) => ({ ...r, createdAt: CREATED_AT, lastUpdatedAt: CREATED_AT }));
      return page("ListRules", summaries, input);
    },

    GetRule: (input: GetRuleCommandInput): Body<GetRuleCommandOutput> => {
      const found = listener("GetRule", input);
      const ruleId = lastSegment(input.ruleIdentifier);
      const common = { createdAt: CREATED_AT, lastUpdatedAt: CREATED_AT };
      if (ruleId === found.defaultRuleId) {
        const arn = `${found.arn}/rule/${ruleId}`;
        return { arn, id: ruleId, name: "default", isDefault: true, action: forwardAction(found.defaultForward), ...common };
      }
      const rule = found.rules.find((r) => r.id === ruleId);
      if (!rule) throw notFoundError("GetRule", `rule ${input.ruleIdentifier}`);
      return {
        arn: rule.arn,
        id: rule.id,
        name: rule.name,
        isDefault: false,
        priority: rule.priority,
        match: { httpMatch: { pathMatch: { match: { prefix: "/" }, caseSensitive: false } } },
        action: forwardAction(rule.forward),
        ...common,
      };
    },

    ListTargets: (input: ListTargetsCommandInput): Body<ListTargetsCommandOutput> => {
      const group = fleet.targetGroupsById.get(lastSegment(input.targetGroupIdentifier));
      if (!group) throw notFoundError("ListTargets", `target group ${input.targetGroupIdentifier}`);
      if ((input.targets?.length ?? 0) > 20) throw validationError("ListTargets", "targets takes at most 20 entries");
      const wanted = input.targets?.length ? new Set(input.targets.map((t) => t.id)) : undefined;
      const targets = group.targets.filter((t) => !wanted || wanted.has(t.id));
      return page("ListTargets", targets.map((t) => ({ id: t.id, port: t.port, status: t.status })), input);
    },
  };
}
