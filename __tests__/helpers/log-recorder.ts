import type { Log } from "../../lambdas/shared/logger";

export type LogLevel = "debug" | "info" | "warn" | "error";

export interface LogEntry {
  readonly level: LogLevel;
  readonly message: string;
  readonly attributes: Record<string, unknown>;
}

/** Keys Powertools Logger reserves for itself: it drops them from attributes with a warning. */
const RESERVED_KEYS = ["level", "message", "sampling_rate", "service", "timestamp"];

/**
 * A `Log` that keeps every entry, so tests can assert on what was logged.
 * It throws on a reserved attribute key, which Powertools would silently drop.
 */
export interface LogRecorder extends Log {
  readonly entries: LogEntry[];
  /** Entries of one level. */
  at(level: LogLevel): LogEntry[];
}

export function recordingLogger(): LogRecorder {
  const entries: LogEntry[] = [];
  const record =
    (level: LogLevel) =>
    (message: string, ...attributes: Record<string, unknown>[]): void => {
      const reserved = attributes.flatMap((a) => Object.keys(a)).filter((k) => RESERVED_KEYS.includes(k));
      if (reserved.length > 0) {
        throw new Error(`log attributes use keys Powertools reserves: ${reserved.join(", ")}`);
      }
      entries.push({ level, message, attributes: Object.assign({}, ...attributes) });
    };
  return {
    entries,
    at: (level) => entries.filter((e) => e.level === level),
    debug: record("debug"),
    info: record("info"),
    warn: record("warn"),
    error: record("error"),
  };
}
