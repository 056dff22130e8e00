/** The environment-file schema rendered as JSON Schema (draft 2020-12), for editors and other tools. */
import { z } from "zod";
import { configSchema } from "./schema";

export const JSON_SCHEMA_FILE = "config/service-lifecycle.schema.json";

export function renderJsonSchema(): string {
  const schema = z.toJSONSchema(configSchema, { io: "input", target: "draft-2020-12" });
  const titled = { ...schema, title: "service-lifecycle environment" };
  return `${JSON.stringify(titled, null, 2)}\n`;
}
