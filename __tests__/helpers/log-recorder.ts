import type { Log } from "../../lambdas/shared/logger";

export type LogLevel = "debug" | "info" | "warn" | "error";

export interface LogEntry {
  readonly level: LogLevel;
  readonly message: string;
  readonly attributes: Record<string, unknown>;
}

/** A `Log` that keeps every entry, so tests can assert on what was logged. */
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
