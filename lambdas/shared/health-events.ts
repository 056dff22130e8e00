/**
 * The schemas of the two events the health monitor publishes. They are the
 * single definition of both shapes: the monitor builds its details against
 * the inferred types, the auto-scaler validates incoming details with
 * `parseHealthCheckDetail`, the tests check produced events with the same
 * schemas, and `npm run schema` publishes them as JSON Schema next to the
 * README's event catalog (lambdas/shared/schemas/).
 *
 * Consumers must ignore fields they do not know: new optional fields do not
 * change the version; a removed or retyped field, or a changed meaning, does.
 *
 * Written with `zod/mini` (about 7 KB gzipped in a bundle) rather than the
 * full zod the config uses.
 */
import * as z from "zod/mini";

import { HEALTH_STATUSES } from "./events";

/** Version of the `Service Health Check` detail. v2 added the target and 4xx signals and the consecutive-check rule. */
export const HEALTH_CHECK_SCHEMA_VERSION = 2;
/** Version of the `Service Health Changed` detail. */
export const HEALTH_CHANGED_SCHEMA_VERSION = 1;

/** Attaches the description that the published JSON Schema carries; every call site builds a fresh schema. */
function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  z.globalRegistry.add(schema, { description });
  return schema;
}

const status = (description: string) => described(z.enum(HEALTH_STATUSES), description);
const text = (description: string) => described(z.string().check(z.minLength(1)), description);
const count = (description: string) => described(z.int().check(z.minimum(0)), description);
const share = () => z.number().check(z.minimum(0), z.maximum(1));
const nullableCount = (description: string) => described(z.nullable(z.number().check(z.minimum(0))), description);
const time = (description: string) => described(z.iso.datetime(), description);

/** Targets of the target groups that receive the service's traffic, by `ListTargets` status. */
export const targetSummarySchema = z.object({
  healthyShare: described(
    z.nullable(share()),
    "Weighted share of HEALTHY among HEALTHY + UNHEALTHY targets of the target groups in use; null when no target is health-checked."
  ),
  targetGroups: count("Target groups that receive traffic (effective weight > 0)."),
  healthy: count("Targets in status HEALTHY."),
  unhealthy: count("Targets in status UNHEALTHY."),
  unavailable: count("Targets in status UNAVAILABLE (health checks off)."),
  draining: count("Targets in status DRAINING (being deregistered)."),
  initial: count("Targets in status INITIAL (first checks running)."),
  unused: count("Targets in status UNUSED (group not used by a listener or rule)."),
  other: count("Targets with any other or no status."),
});

/** The numbers behind a verdict; `null` means CloudWatch or Lattice gave no usable value. */
const signals = () => ({
  requestCount: nullableCount("Requests in the window (TotalRequestCount, Sum); null without data."),
  errorCount: nullableCount("5xx responses in the window (HTTPCode_5XX_Count, Sum)."),
  clientErrorCount: nullableCount("4xx responses in the window (HTTPCode_4XX_Count, Sum); reported, not judged."),
  errorRate: described(z.nullable(share()), "5xx share of the window's requests, 0..1, from the metric-math error rate."),
  p99LatencyMs: nullableCount("Highest per-minute p99 of RequestTime in the window, in milliseconds."),
  targets: described(
    z.nullable(targetSummarySchema),
    "Target health of the target groups in use; null when the topology could not be read."
  ),
  windowMinutes: described(z.int().check(z.minimum(1)), "Length of the metric window in minutes (60-second resolution)."),
});

const service = () => ({
  serviceId: text("Lattice service id (svc-...)."),
  serviceName: text("Lattice service name."),
  serviceArn: described(z.nullable(z.string().check(z.minLength(1))), "Lattice service ARN; null when the listing gave none."),
});

/** `detail` of a `Service Health Check` event: one per service and run. */
export const healthCheckDetailSchema = z.object({
  schemaVersion: z.literal(HEALTH_CHECK_SCHEMA_VERSION),
  ...service(),
  status: status("The reported status; it changes only after consecutiveChecks checks agree. Act on this one."),
  observedStatus: status("What this check alone concluded."),
  pendingChecks: count("Consecutive checks, this one included, that observed a status other than `status` (0 when they agree)."),
  reasons: described(
    z.array(z.string()),
    "Why this check concluded observedStatus: deciding lines first (signal, value, threshold), then the other signals."
  ),
  ...signals(),
  timestamp: time("Time of the check (ISO-8601, UTC)."),
});

/** `detail` of a `Service Health Changed` event: published when the reported status changes. */
export const healthChangedDetailSchema = z.object({
  schemaVersion: z.literal(HEALTH_CHANGED_SCHEMA_VERSION),
  ...service(),
  previousStatus: described(z.nullable(z.enum(HEALTH_STATUSES)), "Status before the change; null the first time the service is seen."),
  status: status("The new reported status."),
  previousSince: described(
    z.nullable(z.iso.datetime()),
    "When the previous status was first reported; null with previousStatus."
  ),
  confirmedByChecks: described(z.int().check(z.minimum(1)), "Consecutive checks that agreed on the change."),
  reasons: described(z.array(z.string()), "Why the last of those checks concluded the new status."),
  ...signals(),
  timestamp: time("Time of the check that made the change (ISO-8601, UTC)."),
});

/** The inferred shape with read-only fields and arrays, as producers and consumers use it. */
type Frozen<T> = { readonly [K in keyof T]: T[K] extends (infer U)[] ? readonly U[] : T[K] };

export type TargetSummary = Frozen<z.infer<typeof targetSummarySchema>>;
export type HealthCheckDetail = Frozen<z.infer<typeof healthCheckDetailSchema>>;
export type HealthChangedDetail = Frozen<z.infer<typeof healthChangedDetailSchema>>;

/** A validated detail, or one line per problem (`detail.<path>: <what is wrong>`). */
export type ParsedDetail<T> = { readonly ok: true; readonly detail: T } | { readonly ok: false; readonly problems: string[] };

/** Validates the `detail` of a `Service Health Check` event. */
export function parseHealthCheckDetail(detail: unknown): ParsedDetail<HealthCheckDetail> {
  return parseWith(healthCheckDetailSchema, detail);
}

/** Validates the `detail` of a `Service Health Changed` event. */
export function parseHealthChangedDetail(detail: unknown): ParsedDetail<HealthChangedDetail> {
  return parseWith(healthChangedDetailSchema, detail);
}

function parseWith<T>(schema: z.ZodMiniType<T>, detail: unknown): ParsedDetail<T> {
  const result = schema.safeParse(detail);
  if (result.success) {
    return { ok: true, detail: result.data };
  }
  return { ok: false, problems: result.error.issues.map(describeIssue) };
}

/** `detail.errorRate: too_big (maximum 1)`: zod/mini ships no message texts, so the issue is spelled out here. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const where = ["detail", ...issue.path.map(String)].join(".");
  const facts: string[] = [];
  for (const key of ["expected", "minimum", "maximum", "values", "format"] as const) {
    const value = (issue as unknown as Record<string, unknown>)[key];
    if (value !== undefined) {
      facts.push(`${key} ${JSON.stringify(value)}`);
    }
  }
  return `${where}: ${issue.code}${facts.length > 0 ? ` (${facts.join(", ")})` : ""}`;
}
