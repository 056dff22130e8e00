/**
 * Small helpers for walking and rewriting Terraform JSON configuration
 * (the `cdk.tf.json` files cdktf synthesizes).
 */

/** Any JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** Whether `value` is a plain JSON object (not an array, not null). */
export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Returns the object at `path` below `root`, or undefined when any step is
 * missing or not an object.
 */
export function getObject(root: JsonObject, ...path: string[]): JsonObject | undefined {
  let node: Json | undefined = root;
  for (const key of path) {
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return isObject(node) ? node : undefined;
}

/**
 * Deletes `root[path...][key]` and then every parent object the deletion left
 * empty, so no `{}` husks remain (Terraform rejects e.g. an empty `data` block
 * for some keys, and they read badly in diffs).
 *
 * @returns Whether the key existed.
 */
export function deleteAndPrune(root: JsonObject, path: string[], key: string): boolean {
  const parents: JsonObject[] = [root];
  for (const step of path) {
    const next = parents[parents.length - 1][step];
    if (!isObject(next)) return false;
    parents.push(next);
  }
  const target = parents[parents.length - 1];
  if (!(key in target)) return false;
  delete target[key];
  for (let i = path.length - 1; i >= 0; i--) {
    if (Object.keys(parents[i + 1]).length > 0) break;
    delete parents[i][path[i]];
  }
  return true;
}

/**
 * Returns a deep copy of `value` with every string value (not keys) passed
 * through `fn`.
 */
export function mapStrings(value: Json, fn: (s: string) => string): Json {
  if (typeof value === "string") return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, fn);
    return out;
  }
  return value;
}

/**
 * Lists the locations (as `a.b[0].c` paths) of every string value for which
 * `test` holds.
 */
export function findStrings(value: Json, test: (s: string) => boolean, at = ""): string[] {
  if (typeof value === "string") return test(value) ? [at || "(root)"] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => findStrings(v, test, `${at}[${i}]`));
  if (isObject(value)) {
    return Object.entries(value).flatMap(([k, v]) => findStrings(v, test, at ? `${at}.${k}` : k));
  }
  return [];
}
