import { readFileSync } from "node:fs";
import { join } from "node:path";

import { EVENT_JSON_SCHEMAS } from "../../../lambdas/shared/event-json-schemas";
import { findProjectRoot } from "../../../stacks/shared/project-root";

const root = findProjectRoot();
const readme = readFileSync(join(root, "lambdas", "README.md"), "utf8");

/** The README section of one detail type: from its `### ... / \`<type>\`` heading to the next heading. */
function catalogSection(detailType: string): string {
  const start = readme.search(new RegExp(`^### .*\`${detailType}\``, "m"));
  if (start < 0) {
    return "";
  }
  const rest = readme.slice(readme.indexOf("\n", start) + 1);
  const end = rest.search(/^#{2,3} /m);
  return end < 0 ? rest : rest.slice(0, end);
}

describe.each(EVENT_JSON_SCHEMAS.map((s) => [s.detailType, s] as const))("published schema of %s", (_type, schema) => {
  it("is up to date with the zod schema (run `npm run schema`)", () => {
    expect(readFileSync(join(root, schema.file), "utf8")).toBe(schema.render());
  });

  it("documents every field in the README's event catalog, with the version", () => {
    const section = catalogSection(schema.detailType);
    const properties = Object.keys((JSON.parse(schema.render()) as { properties: Record<string, unknown> }).properties);
    expect(section).not.toBe("");
    expect(section).toContain(`\`schemaVersion\` | \`${schema.version}\``);
    expect(section).toContain(schema.file.split("/").pop());
    const missing = properties.filter((p) => !section.includes(`| \`${p}\` |`));
    expect(missing).toEqual([]);
  });

  it("leaves additional properties open, so consumers accept fields added later", () => {
    expect((JSON.parse(schema.render()) as Record<string, unknown>).additionalProperties).toBeUndefined();
  });
});
