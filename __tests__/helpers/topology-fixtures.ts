/**
 * Fixtures for the topology part of the health monitor: Lattice ids and ARNs,
 * the responses of ListListeners, GetListener, ListRules, GetRule and
 * ListTargets in the shapes the API returns, and a fake that answers those
 * calls from a routing description, page by page.
 */
import { ResourceNotFoundException } from "@aws-sdk/client-vpc-lattice";
import type {
  GetListenerRequest,
  GetListenerResponse,
  GetRuleRequest,
  GetRuleResponse,
  ListListenersRequest,
  ListListenersResponse,
  ListRulesRequest,
  ListRulesResponse,
  ListTargetsRequest,
  ListTargetsResponse,
  ListenerSummary,
  RuleAction,
  RuleSummary,
  TargetSummary,
} from "@aws-sdk/client-vpc-lattice";

import type { RouteAction, ServiceTopology, TargetCounts } from "../../lambdas/health-monitor/topology/types";
import { ACCOUNT, REGION, serviceId } from "./lattice-fixtures";

export { ACCOUNT, REGION, serviceId };

const CREATED = new Date("2025-01-01T00:00:00Z");

function hex17(n: number): string {
  return n.toString(16).padStart(17, "0");
}

/** Listener id number `n`, e.g. `listener-0000000000000000a`. */
export function listenerId(n: number): string {
  return `listener-${hex17(n)}`;
}

/** Rule id number `n`. */
export function ruleId(n: number): string {
  return `rule-${hex17(n)}`;
}

/** Target group id number `n`. */
export function targetGroupId(n: number): string {
  return `tg-${hex17(n)}`;
}

export function serviceArn(service: string): string {
  return `arn:aws:vpc-lattice:${REGION}:${ACCOUNT}:service/${service}`;
}

export function listenerArn(service: string, listener: string): string {
  return `${serviceArn(service)}/listener/${listener}`;
}

export function ruleArn(service: string, listener: string, rule: string): string {
  return `${listenerArn(service, listener)}/rule/${rule}`;
}

export function targetGroupArn(targetGroup: string): string {
  return `arn:aws:vpc-lattice:${REGION}:${ACCOUNT}:targetgroup/${targetGroup}`;
}

/** A `forward` action; an entry without a weight leaves `weight` out, as the API may. */
export function forward(...entries: readonly (readonly [identifier: string, weight?: number])[]): RuleAction {
  return {
    forward: {
      targetGroups: entries.map(([targetGroupIdentifier, weight]) =>
        weight === undefined ? { targetGroupIdentifier } : { targetGroupIdentifier, weight }
      ),
    },
  };
}

/** A `fixedResponse` action (Lattice supports 404 and 500). */
export function fixedResponse(statusCode = 404): RuleAction {
  return { fixedResponse: { statusCode } };
}

/** A ListListeners item. */
export function listenerSummary(service: string, listener: string, port = 443): ListenerSummary {
  return {
    arn: listenerArn(service, listener),
    id: listener,
    name: `https-${port}`,
    port,
    protocol: port === 80 ? "HTTP" : "HTTPS",
    createdAt: CREATED,
    lastUpdatedAt: CREATED,
  };
}

/** A GetListener response. */
export function listenerResponse(service: string, listener: string, defaultAction: RuleAction): GetListenerResponse {
  return {
    ...listenerSummary(service, listener),
    serviceArn: serviceArn(service),
    serviceId: service,
    defaultAction,
  };
}

/** A ListRules item; the default rule has no priority. */
export function ruleSummary(service: string, listener: string, rule: string, priority?: number): RuleSummary {
  return {
    arn: ruleArn(service, listener, rule),
    id: rule,
    name: priority === undefined ? "default" : `rule-priority-${priority}`,
    isDefault: priority === undefined,
    ...(priority === undefined ? {} : { priority }),
    createdAt: CREATED,
    lastUpdatedAt: CREATED,
  };
}

/** A GetRule response for a non-default rule that matches a path prefix. */
export function ruleResponse(
  service: string,
  listener: string,
  rule: string,
  priority: number,
  action: RuleAction
): GetRuleResponse {
  return {
    ...ruleSummary(service, listener, rule, priority),
    match: { httpMatch: { pathMatch: { match: { prefix: `/v${priority}` }, caseSensitive: false } } },
    action,
  };
}

/** A ListTargets item: an IP target (ECS task) on port 8080. */
export function targetSummary(n: number, status: string | undefined): TargetSummary {
  return {
    id: `10.0.${Math.floor(n / 250)}.${(n % 250) + 4}`,
    port: 8080,
    ...(status === undefined ? {} : { status: status as TargetSummary["status"] }),
  };
}

/** Targets with the given statuses, numbered from `first`. */
export function targets(statuses: readonly (string | undefined)[], first = 1): TargetSummary[] {
  return statuses.map((status, i) => targetSummary(first + i, status));
}

/** `count` copies of `status`. */
export function times(count: number, status: string): string[] {
  return Array.from({ length: count }, () => status);
}

/** Target counts with every status not given at 0. */
export function counts(given: Partial<Record<keyof TargetCounts, number>> = {}): TargetCounts {
  return { HEALTHY: 0, UNHEALTHY: 0, UNAVAILABLE: 0, DRAINING: 0, INITIAL: 0, UNUSED: 0, OTHER: 0, ...given };
}

/** A `nextToken` the way Lattice sends them: opaque text. */
export function pageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString("base64");
}

function offsetOf(token: string | undefined): number {
  return token === undefined ? 0 : (JSON.parse(Buffer.from(token, "base64").toString()) as { offset: number }).offset;
}

/** One page of `items` at `token`, with the token of the next page when there is one. */
export function page<T>(
  items: readonly T[],
  token: string | undefined,
  pageSize: number
): { items: T[]; nextToken?: string } {
  const offset = offsetOf(token);
  const next = offset + pageSize;
  return { items: items.slice(offset, next), ...(next < items.length ? { nextToken: pageToken(next) } : {}) };
}

/** A non-default rule of a fake listener. */
export interface FakeRule {
  readonly id: string;
  readonly priority: number;
  readonly action: RuleAction;
}

/** A listener of a fake service. */
export interface FakeListener {
  readonly id: string;
  readonly defaultAction: RuleAction;
  readonly rules?: readonly FakeRule[];
}

function notFound(kind: string, id: string | undefined): ResourceNotFoundException {
  return new ResourceNotFoundException({
    message: `${kind} ${id} not found`,
    resourceId: id,
    resourceType: kind.toUpperCase(),
    $metadata: { httpStatusCode: 404 },
  });
}

/**
 * A fake Lattice that answers the four topology calls for `service` from its
 * listeners, `pageSize` items per page. ListRules lists the default rule
 * first, as Lattice does. An unknown service, listener or rule throws
 * `ResourceNotFoundException`.
 */
export function fakeRouting(service: string, listeners: readonly FakeListener[], pageSize = 100) {
  const listenerOf = (id: string | undefined) => listeners.find((l) => l.id === id);
  const check = (input: { serviceIdentifier?: string }) => {
    if (input.serviceIdentifier !== service) {
      throw notFound("Service", input.serviceIdentifier);
    }
  };
  return {
    listListeners(input: ListListenersRequest): ListListenersResponse {
      check(input);
      const items = listeners.map((l, i) => listenerSummary(service, l.id, 443 + i));
      return page(items, input.nextToken, Math.min(pageSize, input.maxResults ?? pageSize));
    },
    getListener(input: GetListenerRequest): GetListenerResponse {
      check(input);
      const listener = listenerOf(input.listenerIdentifier);
      if (!listener) {
        throw notFound("Listener", input.listenerIdentifier);
      }
      return listenerResponse(service, listener.id, listener.defaultAction);
    },
    listRules(input: ListRulesRequest): ListRulesResponse {
      check(input);
      const listener = listenerOf(input.listenerIdentifier);
      if (!listener) {
        throw notFound("Listener", input.listenerIdentifier);
      }
      const items = [
        ruleSummary(service, listener.id, ruleId(0xdef)),
        ...(listener.rules ?? []).map((r) => ruleSummary(service, listener.id, r.id, r.priority)),
      ];
      return page(items, input.nextToken, Math.min(pageSize, input.maxResults ?? pageSize));
    },
    getRule(input: GetRuleRequest): GetRuleResponse {
      check(input);
      const rule = listenerOf(input.listenerIdentifier)?.rules?.find((r) => r.id === input.ruleIdentifier);
      if (!rule) {
        throw notFound("Rule", input.ruleIdentifier);
      }
      return ruleResponse(service, input.listenerIdentifier as string, rule.id, rule.priority, rule.action);
    },
  };
}

/** A fake ListTargets for one target group, `pageSize` targets per page. */
export function fakeTargets(targetGroup: string, items: readonly TargetSummary[], pageSize = 100) {
  return (input: ListTargetsRequest): ListTargetsResponse => {
    if (input.targetGroupIdentifier !== targetGroup) {
      throw notFound("TargetGroup", input.targetGroupIdentifier);
    }
    return page(items, input.nextToken, Math.min(pageSize, input.maxResults ?? pageSize));
  };
}

/** A route action that forwards to `[target group id, weight]` pairs. */
export function forwardRoute(
  listener: string,
  targetGroups: readonly (readonly [id: string, weight: number])[],
  rule?: string
): RouteAction {
  return {
    listenerId: listener,
    ...(rule === undefined ? {} : { ruleId: rule }),
    targetGroups: targetGroups.map(([targetGroupId, weight]) => ({ targetGroupId, weight })),
  };
}

/** A route action that returns a fixed response. */
export function fixedRoute(listener: string, status = 404, rule?: string): RouteAction {
  return {
    listenerId: listener,
    ...(rule === undefined ? {} : { ruleId: rule }),
    targetGroups: [],
    fixedResponseStatus: status,
  };
}

/** A topology of service 1 with the given actions, discovered at `discoveredAt`. */
export function topologyOf(actions: readonly RouteAction[], discoveredAt = 0, service = serviceId(1)): ServiceTopology {
  const listenerCount = new Set(actions.map((a) => a.listenerId)).size;
  return { serviceId: service, listenerCount, actions, discoveredAt };
}
