/**
 * Checks that an incoming event really is a `Service Health Check` event
 * from the health monitor before anything acts on it.
 */
import { DETAIL_SCHEMA_VERSION, DETAIL_TYPES, EVENT_SOURCES, HEALTH_STATUSES } from "../shared/events";
import type { HealthCheckDetail } from "../shared/events";

/** The envelope fields the auto-scaler uses besides the detail. */
export interface HealthEventEnvelope {
  /** EventBridge event id: the same on every delivery and retry of one event. */
  readonly id: string;
  /** ARNs the event is about; the health monitor puts the Lattice service ARN first. */
  readonly resources: readonly string[];
}

export type ParsedHealthEvent =
  | { readonly ok: true; readonly detail: HealthCheckDetail; readonly envelope: HealthEventEnvelope }
  | { readonly ok: false; readonly problems: string[] };

/**
 * Validates the envelope and the detail shape.
 * @returns the detail, or every problem found (not just the first).
 */
export function parseHealthEvent(event: unknown): ParsedHealthEvent {
  if (!isObject(event)) {
    return { ok: false, problems: ["event is not an object"] };
  }
  const problems: string[] = [];
  if (event.source !== EVENT_SOURCES.healthMonitor) {
    problems.push(`source must be "${EVENT_SOURCES.healthMonitor}", got ${show(event.source)}`);
  }
  if (event["detail-type"] !== DETAIL_TYPES.healthCheck) {
    problems.push(`detail-type must be "${DETAIL_TYPES.healthCheck}", got ${show(event["detail-type"])}`);
  }
  if (typeof event.id !== "string" || event.id === "") {
    problems.push(`id must be a non-empty string, got ${show(event.id)}`);
  }
  if (!Array.isArray(event.resources) || !event.resources.every((r) => typeof r === "string")) {
    problems.push("resources must be an array of strings");
  }
  const detail = event.detail;
  if (!isObject(detail)) {
    problems.push("detail is not an object");
    return { ok: false, problems };
  }
  if (detail.schemaVersion !== DETAIL_SCHEMA_VERSION) {
    problems.push(`detail.schemaVersion must be ${DETAIL_SCHEMA_VERSION}, got ${show(detail.schemaVersion)}`);
  }
  for (const key of ["serviceId", "serviceName", "timestamp"] as const) {
    if (typeof detail[key] !== "string" || detail[key] === "") {
      problems.push(`detail.${key} must be a non-empty string, got ${show(detail[key])}`);
    }
  }
  if (!(HEALTH_STATUSES as readonly unknown[]).includes(detail.status)) {
    problems.push(`detail.status must be one of ${HEALTH_STATUSES.join(", ")}, got ${show(detail.status)}`);
  }
  if (!Array.isArray(detail.reasons) || !detail.reasons.every((r) => typeof r === "string")) {
    problems.push("detail.reasons must be an array of strings");
  }
  for (const key of ["requestCount", "errorRate", "p99LatencyMs"] as const) {
    if (detail[key] !== null && !isNonNegativeNumber(detail[key])) {
      problems.push(`detail.${key} must be a non-negative number or null, got ${show(detail[key])}`);
    }
  }
  if (!isNonNegativeNumber(detail.windowMinutes)) {
    problems.push(`detail.windowMinutes must be a non-negative number, got ${show(detail.windowMinutes)}`);
  }
  if (typeof detail.timestamp === "string" && Number.isNaN(Date.parse(detail.timestamp))) {
    problems.push(`detail.timestamp must be an ISO-8601 time, got ${show(detail.timestamp)}`);
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    detail: detail as unknown as HealthCheckDetail,
    envelope: { id: event.id as string, resources: event.resources as string[] },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNonNegativeNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

/** A short, safe rendering of a bad value for the log. */
function show(value: unknown): string {
  const text = (JSON.stringify(value) as string | undefined) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
