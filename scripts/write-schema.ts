/**
 * `npm run schema`: writes config/service-lifecycle.schema.json from the
 * config's zod schema, and the JSON Schemas of the health events from theirs.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { JSON_SCHEMA_FILE, renderJsonSchema } from "../config/json-schema";
import { EVENT_JSON_SCHEMAS } from "../lambdas/shared/event-json-schemas";
import { findProjectRoot } from "../stacks/shared/project-root";

const root = findProjectRoot();
const outputs = [
  { file: JSON_SCHEMA_FILE, render: renderJsonSchema },
  ...EVENT_JSON_SCHEMAS.map((s) => ({ file: s.file, render: s.render })),
];
for (const { file, render } of outputs) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), render());
  console.log(`Wrote ${file}`);
}
