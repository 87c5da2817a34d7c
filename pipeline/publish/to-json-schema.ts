import { z } from "zod";
import type { TableDef } from "../../schemas/column.ts";

/**
 * JSON Schema (draft-07, what most validators default to) of a table's published JSON file: an array of
 * rows, each checked by the same zod schema that validated it, with every column's metadata.
 */
export function toJsonSchema(def: TableDef): Record<string, unknown> {
  const { $schema, ...row } = z.toJSONSchema(def.schema, { io: "output", target: "draft-07" }) as Record<string, unknown>;
  return {
    $schema,
    title: def.title,
    description: `${def.description} Schema of ${def.name}.json: an array of rows.`,
    type: "array",
    items: row,
  };
}
