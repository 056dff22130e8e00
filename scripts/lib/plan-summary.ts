/**
 * Reads the result of `terraform plan`: Terraform's own summary line from the
 * human output, and action counts from `terraform show -json`.
 */

/** How many resource changes of each kind a plan holds. */
export interface ActionCounts {
  readonly create: number;
  readonly update: number;
  readonly delete: number;
  readonly replace: number;
  readonly read: number;
  readonly noop: number;
}

/**
 * Returns Terraform's summary line from `terraform plan` output:
 * `Plan: 3 to add, 0 to change, 0 to destroy.` or the first line of
 * `No changes. ...`; undefined if neither is present.
 */
export function planSummaryLine(output: string): string | undefined {
  const plan = /^\s*(Plan: .*)$/m.exec(output);
  if (plan) return plan[1].trim();
  const none = /^\s*(No changes\..*)$/m.exec(output);
  return none ? none[1].trim() : undefined;
}

/**
 * Counts `resource_changes[].change.actions` in the JSON that
 * `terraform show -json <planfile>` prints. `["delete","create"]` and
 * `["create","delete"]` count as one replace.
 *
 * @throws If `json` is not a plan representation.
 */
export function countActions(json: string): ActionCounts {
  const plan = JSON.parse(json) as { resource_changes?: { change?: { actions?: string[] } }[]; format_version?: string };
  if (typeof plan !== "object" || plan === null || typeof plan.format_version !== "string") {
    throw new Error("terraform show -json did not print a plan (no format_version).");
  }
  const counts = { create: 0, update: 0, delete: 0, replace: 0, read: 0, noop: 0 };
  for (const rc of plan.resource_changes ?? []) {
    const actions = rc.change?.actions ?? [];
    if (actions.includes("create") && actions.includes("delete")) counts.replace++;
    else if (actions.length === 1 && actions[0] in counts) counts[actions[0] as keyof typeof counts]++;
  }
  return counts;
}

/**
 * Whether the counts agree with Terraform's summary line (add = create + replace,
 * change = update, destroy = delete + replace). A "No changes." line agrees with
 * zero of each.
 */
export function countsMatchSummary(counts: ActionCounts, summary: string): boolean {
  const add = counts.create + counts.replace;
  const destroy = counts.delete + counts.replace;
  if (summary.startsWith("No changes.")) return add === 0 && counts.update === 0 && destroy === 0;
  const m = /(\d+) to add, (\d+) to change, (\d+) to destroy/.exec(summary);
  return m !== null && Number(m[1]) === add && Number(m[2]) === counts.update && Number(m[3]) === destroy;
}

/** A short human description of the counts, e.g. `3 create, 1 read`; "no changes" when all are zero. */
export function describeCounts(counts: ActionCounts): string {
  const parts = (Object.entries(counts) as [string, number][]).filter(([k, n]) => n > 0 && k !== "noop").map(([k, n]) => `${n} ${k}`);
  return parts.length > 0 ? parts.join(", ") : "no changes";
}
