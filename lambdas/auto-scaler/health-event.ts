/**
 * Checks that an incoming event really is a `Service Health Check` event
 * from the health monitor before anything acts on it.
 */
import { DETAIL_TYPES, EVENT_SOURCES } from "../shared/events";
import { parseHealthCheckDetail } from "../shared/health-events";
import type { HealthCheckDetail } from "../shared/health-events";

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
 * Validates the envelope, and the detail against the shared schema.
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
  const parsed = parseHealthCheckDetail(event.detail);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
  }
  if (!parsed.ok || problems.length > 0) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    detail: parsed.detail,
    envelope: { id: event.id as string, resources: event.resources as string[] },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A short, safe rendering of a bad value for the log. */
function show(value: unknown): string {
  const text = (JSON.stringify(value) as string | undefined) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
