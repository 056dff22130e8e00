/**
 * Structured logging for the handlers: Powertools Logger writes one JSON line
 * per entry with level, message, timestamp, service, cold start and request id.
 * The level comes from Lambda's log-level setting or `POWERTOOLS_LOG_LEVEL`.
 */
import { Logger } from "@aws-lambda-powertools/logger";

/**
 * The logging calls the handler logic makes. Powertools `Logger` satisfies it,
 * and tests pass a recorder instead.
 */
export interface Log {
  debug(message: string, ...attributes: Record<string, unknown>[]): void;
  info(message: string, ...attributes: Record<string, unknown>[]): void;
  warn(message: string, ...attributes: Record<string, unknown>[]): void;
  error(message: string, ...attributes: Record<string, unknown>[]): void;
}

/**
 * Creates the handler's logger.
 * @param serviceName used when `POWERTOOLS_SERVICE_NAME` is not set.
 * @example
 * const logger = createLogger("health-monitor");
 * logger.info("Health check done", { summary });
 */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME?.trim() || serviceName });
}
