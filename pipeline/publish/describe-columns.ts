import { z } from "zod";
import type { TableDef } from "../../schemas/column.ts";

export type ColumnType = "string" | "integer" | "number" | "boolean";

/** Everything the outputs need to know about a column, read from the zod schema through its JSON Schema. */
export interface Column {
  name: string;
  type: ColumnType;
  nullable: boolean;
  description: string;
  examples: unknown[];
  unit?: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  pattern?: string;
  categorical: boolean;
}

interface JsonSchemaNode {
  type?: string | string[];
  anyOf?: JsonSchemaNode[];
  enum?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  pattern?: string;
  description?: string;
  examples?: unknown[];
  unit?: string;
  categorical?: boolean;
}

function describe(name: string, node: JsonSchemaNode): Column {
  const variants = node.anyOf ?? [node];
  const types = variants.flatMap((v) => (Array.isArray(v.type) ? v.type : v.type ? [v.type] : []));
  const nullable = types.includes("null");
  const [type, ...others] = types.filter((t) => t !== "null");
  if (!type || others.length > 0) throw new Error(`column ${name}: expected one JSON type, got ${types.join(",")}`);
  const body = variants.find((v) => v.type !== "null") ?? node;
  if (!node.description) throw new Error(`column ${name}: no description`);
  return {
    name,
    type: type as ColumnType,
    nullable,
    description: node.description,
    examples: node.examples ?? [],
    ...(node.unit ? { unit: node.unit } : {}),
    ...(body.enum ? { enum: body.enum } : {}),
    ...(body.minimum !== undefined ? { minimum: body.minimum } : {}),
    ...(body.maximum !== undefined ? { maximum: body.maximum } : {}),
    ...(body.minLength !== undefined ? { minLength: body.minLength } : {}),
    ...(body.pattern ? { pattern: body.pattern } : {}),
    categorical: Boolean(node.categorical || body.enum),
  };
}

/** Columns in schema order: the stable column order of every published format. */
export function describeColumns(def: TableDef): Column[] {
  const json = z.toJSONSchema(def.schema, { io: "output" }) as { properties: Record<string, JsonSchemaNode> };
  return Object.entries(json.properties).map(([name, node]) => describe(name, node));
}
