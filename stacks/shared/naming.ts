/**
 * Resource names. Every name starts with the config's `namePrefix`, so several
 * environments can live in one account without clashing.
 */

/** `<prefix>-<part>-<part>`, with empty parts left out. */
export function resourceName(prefix: string, ...parts: string[]): string {
  return [prefix, ...parts].filter((p) => p !== "").join("-");
}

/** The three handlers the stack deploys, by folder name under `lambdas/`. */
export const HANDLER_NAMES = ["health-monitor", "auto-scaler", "deployment-handler"] as const;
export type HandlerName = (typeof HANDLER_NAMES)[number];

/** Terraform stack ids. */
export const STACK_IDS = {
  lifecycle: "service-lifecycle",
  bootstrap: "state-bootstrap",
} as const;
