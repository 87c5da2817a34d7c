import { z } from "zod";
import type { TableDef } from "../../schemas/column.ts";

export type ColumnType = "string" | "integer" | "number" | "boolean" | "date";

/** Value constraints, named as JSON Schema and Frictionless name them. */
interface Constraints {
  enum?: string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  pattern?: string;
}

/** Everything the outputs need to know about a column, read from the zod schema through its JSON Schema. */
export interface Column extends Constraints {
  name: string;
  type: ColumnType;
  nullable: boolean;
  description: string;
  examples: unknown[];
  unit?: string;
  categorical: boolean;
  /** Key role, from the table definition: part of the primary key, and the columns it references. */
  primaryKey: boolean;
  references: string[];
}

interface JsonSchemaNode extends Constraints {
  type?: string | string[];
  anyOf?: JsonSchemaNode[];
  format?: string;
  description?: string;
  examples?: unknown[];
  unit?: string;
  categorical?: boolean;
}

/** A string with JSON Schema format "date" (zod's z.iso.date()) is a full calendar date. */
const columnType = (type: string, body: JsonSchemaNode): ColumnType => (type === "string" && body.format === "date" ? "date" : (type as ColumnType));

/** zod gives every .int() the safe-integer range; only a narrower bound is one the schema declares. */
const declared = (bound: number | undefined) => (bound === undefined || Math.abs(bound) >= Number.MAX_SAFE_INTEGER ? undefined : bound);

function describe(name: string, node: JsonSchemaNode, def: TableDef): Column {
  const variants = node.anyOf ?? [node];
  const types = variants.flatMap((v) => (Array.isArray(v.type) ? v.type : v.type ? [v.type] : []));
  const nullable = types.includes("null");
  const [type, ...others] = types.filter((t) => t !== "null");
  if (!type || others.length > 0) throw new Error(`column ${name}: expected one JSON type, got ${types.join(",")}`);
  const body = variants.find((v) => v.type !== "null") ?? node;
  if (!node.description) throw new Error(`column ${name}: no description`);
  return {
    name,
    type: columnType(type, body),
    nullable,
    description: node.description,
    examples: node.examples ?? [],
    ...(node.unit ? { unit: node.unit } : {}),
    ...(body.enum ? { enum: body.enum } : {}),
    ...(declared(body.minimum) !== undefined ? { minimum: body.minimum } : {}),
    ...(declared(body.maximum) !== undefined ? { maximum: body.maximum } : {}),
    ...(body.exclusiveMinimum !== undefined ? { exclusiveMinimum: body.exclusiveMinimum } : {}),
    ...(body.exclusiveMaximum !== undefined ? { exclusiveMaximum: body.exclusiveMaximum } : {}),
    ...(body.minLength !== undefined ? { minLength: body.minLength } : {}),
    ...(body.pattern && body.format !== "date" ? { pattern: body.pattern } : {}),
    categorical: Boolean(node.categorical || body.enum),
    primaryKey: def.primaryKey.includes(name),
    references: def.foreignKeys
      .filter((fk) => fk.fields.includes(name))
      .map((fk) => `${fk.reference.resource}.${fk.reference.fields[fk.fields.indexOf(name)]}`),
  };
}

/** Columns in schema order: the stable column order of every published format. */
export function describeColumns(def: TableDef): Column[] {
  const json = z.toJSONSchema(def.schema, { io: "output" }) as { properties: Record<string, JsonSchemaNode> };
  return Object.entries(json.properties).map(([name, node]) => describe(name, node, def));
}
