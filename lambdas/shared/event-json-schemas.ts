/**
 * The health events' schemas rendered as JSON Schema (draft 2020-12), for
 * consumers outside this project (`npm run schema` writes them to
 * lambdas/shared/schemas/). Not imported by any handler.
 */
import * as z from "zod/mini";

import { DETAIL_TYPES } from "./events";
import {
  HEALTH_CHANGED_SCHEMA_VERSION,
  HEALTH_CHECK_SCHEMA_VERSION,
  healthChangedDetailSchema,
  healthCheckDetailSchema,
} from "./health-events";

export const EVENT_SCHEMA_DIR = "lambdas/shared/schemas";

/** One published schema: the detail of one detail type at one version. */
export interface EventJsonSchema {
  readonly detailType: string;
  readonly version: number;
  /** Path from the project root. */
  readonly file: string;
  readonly render: () => string;
}

function entry(detailType: string, version: number, schema: z.ZodMiniType): EventJsonSchema {
  const slug = detailType.toLowerCase().replace(/\s+/g, "-");
  return {
    detailType,
    version,
    file: `${EVENT_SCHEMA_DIR}/${slug}.v${version}.schema.json`,
    render: () => {
      // Input mode leaves additionalProperties open: consumers must accept fields added later.
      const json = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12" });
      return `${JSON.stringify({ ...json, title: `${detailType} detail, version ${version}` }, null, 2)}\n`;
    },
  };
}

export const EVENT_JSON_SCHEMAS: readonly EventJsonSchema[] = [
  entry(DETAIL_TYPES.healthCheck, HEALTH_CHECK_SCHEMA_VERSION, healthCheckDetailSchema),
  entry(DETAIL_TYPES.healthChanged, HEALTH_CHANGED_SCHEMA_VERSION, healthChangedDetailSchema),
];
