/**
 * Names an incoming EventBridge event in logs without copying its detail.
 */

/** Envelope fields that identify an EventBridge event, e.g. in an archive. */
export interface EventIdentity {
  readonly id?: unknown;
  readonly source?: unknown;
  readonly account?: unknown;
  readonly "detail-type"?: unknown;
  readonly time?: unknown;
}

/**
 * The identifying envelope fields of a (possibly malformed) event, so a
 * rejection log line leads to the event in the archive. Fields are copied as
 * they are, whatever their type; a field the event lacks is left out.
 * Nothing else is copied: the detail can be large.
 */
export function eventIdentity(event: unknown): EventIdentity {
  if (typeof event !== "object" || event === null || Array.isArray(event)) {
    return {};
  }
  const fields = ["id", "source", "account", "detail-type", "time"] as const;
  const record = event as Record<string, unknown>;
  return Object.fromEntries(fields.filter((f) => record[f] !== undefined).map((f) => [f, record[f]]));
}
