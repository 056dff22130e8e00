/**
 * A small EventBridge pattern matcher for tests: exact-value arrays, nested
 * objects, and the `prefix`, `anything-but`, `exists` and `numeric`
 * operators. It follows the documented rules: every field in the pattern
 * must match; an array field in the event matches if any element matches.
 */
type Json = unknown;

function matchesOperator(op: Record<string, Json>, value: Json, present: boolean): boolean {
  if ("exists" in op) return op.exists === present;
  if (!present) return false;
  const values = Array.isArray(value) ? value : [value];
  return values.some((v) => {
    if ("prefix" in op) return typeof v === "string" && v.startsWith(String(op.prefix));
    if ("anything-but" in op) {
      const banned = Array.isArray(op["anything-but"]) ? op["anything-but"] : [op["anything-but"]];
      return !banned.includes(v);
    }
    if ("numeric" in op) {
      const ops = op.numeric as (string | number)[];
      if (typeof v !== "number") return false;
      for (let i = 0; i < ops.length; i += 2) {
        const [cmp, n] = [ops[i], Number(ops[i + 1])];
        const ok = cmp === ">" ? v > n : cmp === ">=" ? v >= n : cmp === "<" ? v < n : cmp === "<=" ? v <= n : cmp === "=" ? v === n : false;
        if (!ok) return false;
      }
      return true;
    }
    throw new Error(`operator ${JSON.stringify(op)} is not supported by this test matcher`);
  });
}

function matchesLeaf(allowed: Json[], value: Json, present: boolean): boolean {
  return allowed.some((a) => {
    if (a !== null && typeof a === "object") return matchesOperator(a as Record<string, Json>, value, present);
    if (!present) return false;
    return Array.isArray(value) ? value.includes(a) : value === a;
  });
}

/** True when `event` (a full EventBridge event) matches `pattern`. */
export function matchesPattern(pattern: Record<string, Json>, event: Record<string, Json>): boolean {
  return Object.entries(pattern).every(([key, expected]) => {
    const present = event !== null && typeof event === "object" && key in event;
    const value = present ? event[key] : undefined;
    if (Array.isArray(expected)) return matchesLeaf(expected, value, present);
    if (expected !== null && typeof expected === "object") {
      return present && value !== null && typeof value === "object" && matchesPattern(expected as Record<string, Json>, value as Record<string, Json>);
    }
    throw new Error(`pattern field ${key} must be an array or an object`);
  });
}

/** The event EventBridge delivers for a PutEvents entry. */
export function eventFromEntry(entry: { Source?: string; DetailType?: string; Detail?: string; Resources?: string[] }): Record<string, Json> {
  return {
    version: "0",
    id: "11111111-2222-3333-4444-555555555555",
    "detail-type": entry.DetailType,
    source: entry.Source,
    account: "123456789012",
    time: "2026-12-04T12:00:00Z",
    region: "eu-west-1",
    resources: entry.Resources ?? [],
    detail: JSON.parse(entry.Detail ?? "{}"),
  };
}
