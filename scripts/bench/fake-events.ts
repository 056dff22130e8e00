/**
 * EventBridge answers for the fake fleet: `PutEvents` on one bus, where
 * every entry succeeds (FACTS §4: 1-10 entries per call; the response has
 * one `EventId` per entry, in order, and `FailedEntryCount` 0).
 *
 * A malformed call is a `ValidationException` rather than a failed entry,
 * so a mistake in the caller is noticed: no entries or more than 10, an
 * entry without `Source`, `DetailType` or a JSON `Detail`, or another bus.
 */
import type {
  PutEventsCommandInput,
  PutEventsCommandOutput,
  PutEventsRequestEntry,
} from "@aws-sdk/client-eventbridge";

import { validationError } from "./fake-errors";
import type { Responders } from "./responders";

/** Most entries in one PutEvents call. */
export const MAX_PUT_EVENTS_ENTRIES = 10;

function isJsonObject(text: string | undefined): boolean {
  try {
    const value: unknown = JSON.parse(text ?? "");
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * The EventBridge responders for the bus `eventBusName` (name or ARN ending
 * in `event-bus/<name>`); every accepted entry is appended to `published`.
 */
export function eventBridgeResponders(eventBusName: string, published: PutEventsRequestEntry[]): Responders {
  return {
    PutEvents: (input: PutEventsCommandInput): Omit<PutEventsCommandOutput, "$metadata"> => {
      const entries = input.Entries ?? [];
      if (entries.length < 1 || entries.length > MAX_PUT_EVENTS_ENTRIES) {
        throw validationError("PutEvents", `Entries must hold 1-${MAX_PUT_EVENTS_ENTRIES} entries, got ${entries.length}`);
      }
      for (const entry of entries) {
        const bus = (entry.EventBusName ?? "default").split("event-bus/").pop();
        if (bus !== eventBusName) throw validationError("PutEvents", `event bus ${entry.EventBusName} is not ${eventBusName}`);
        if (!entry.Source || !entry.DetailType || !isJsonObject(entry.Detail)) {
          throw validationError("PutEvents", "every entry needs Source, DetailType and a JSON object Detail");
        }
      }
      const first = published.length;
      published.push(...entries.map((e) => structuredClone(e)));
      return {
        FailedEntryCount: 0,
        Entries: entries.map((_, i) => ({ EventId: `00000000-0000-4000-8000-${(first + i + 1).toString(16).padStart(12, "0")}` })),
      };
    },
  };
}
