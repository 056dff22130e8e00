/** Writes config/service-lifecycle.schema.json from the zod schema (`npm run schema`). */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { JSON_SCHEMA_FILE, renderJsonSchema } from "../config/json-schema";
import { findProjectRoot } from "../stacks/shared/project-root";

const target = join(findProjectRoot(), JSON_SCHEMA_FILE);
writeFileSync(target, renderJsonSchema());
console.log(`Wrote ${JSON_SCHEMA_FILE}`);
