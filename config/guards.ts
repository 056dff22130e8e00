/**
 * Checks on the raw JSON that come before the schema: strings must not carry
 * Terraform or cdktf expressions (the stack writes config values into
 * Terraform JSON, where `${...}` and `%{...}` would be evaluated and cdktf
 * token markers resolved), object keys must not be JavaScript prototype
 * names, and nesting must stay shallow.
 */
import type { ConfigProblem } from "./errors";
import { formatPath, showValue } from "./errors";

/** Deeper than any valid file nests (services[].healthCheck.matcher is 4). */
export const MAX_DEPTH = 16;

const EXPRESSION = /\$\{|%\{|TfToken\[/;
const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Problems of the raw parsed JSON; empty when the schema may look at it safely. */
export function guardRawConfig(raw: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (path.length > MAX_DEPTH) {
      problems.push({ path: formatPath(path), value: undefined, message: `nests deeper than ${MAX_DEPTH} levels. Fix: follow the structure of config/environments/example.json.` });
      return;
    }
    if (typeof value === "string") {
      if (EXPRESSION.test(value)) {
        problems.push({
          path: formatPath(path),
          value: showValue(value),
          message: 'contains "${", "%{" or "TfToken[", which Terraform or cdktf would evaluate as an expression. Fix: use a literal value without them.',
        });
      }
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, i]));
      return;
    }
    if (value !== null && typeof value === "object") {
      for (const key of Object.keys(value)) {
        if (PROTOTYPE_KEYS.has(key)) {
          problems.push({ path: formatPath([...path, key]), value: undefined, message: `"${key}" is not allowed as a key. Fix: remove it.` });
          continue;
        }
        if (EXPRESSION.test(key)) {
          problems.push({ path: formatPath([...path, key]), value: undefined, message: 'the key contains "${", "%{" or "TfToken[". Fix: use a literal key.' });
        }
        walk((value as Record<string, unknown>)[key], [...path, key]);
      }
    }
  };
  walk(raw, []);
  return problems;
}
