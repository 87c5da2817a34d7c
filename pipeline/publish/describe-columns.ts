import { z } from "zod";
import type { TableDef } from "../../schemas/column.ts";

export type ItemType = "string" | "integer" | "number" | "boolean" | "date";
/** A list holds items of one ItemType (`itemType`). */
export type ColumnType = ItemType | "list";

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
  /** The items' type, for a list. */
  itemType?: ItemType;
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
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  format?: string;
  description?: string;
  examples?: unknown[];
  unit?: string;
  categorical?: boolean;
}

/** A string with JSON Schema format "date" (zod's z.iso.date()) is a full calendar date; an array is a list. */
const columnType = (type: string, body: JsonSchemaNode): ColumnType =>
  type === "array" ? "list" : type === "string" && body.format === "date" ? "date" : (type as ColumnType);

function itemTypeOf(name: string, items: JsonSchemaNode | undefined): ItemType {
  const type = items && !Array.isArray(items.type) ? items.type : undefined;
  if (!type || type === "array" || type === "object" || type === "null") throw new Error(`column ${name}: a list needs items of one scalar type`);
  return columnType(type, items!) as ItemType;
}

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
  const columnTypeOf = columnType(type, body);
  // A list's value constraints are its items' (allowed units, span patterns).
  const constraints = columnTypeOf === "list" ? body.items! : body;
  const text = columnTypeOf === "string" || (columnTypeOf === "list" && constraints.type === "string" && constraints.format !== "date");
  if (text && !constraints.enum && !constraints.pattern && !constraints.format && !(constraints.minLength! >= 1)) {
    // CSV and most readers cannot tell "" from a missing value: a column says null, never "".
    throw new Error(`column ${name}: text must refuse the empty string (z.string().min(1)); a missing value is null`);
  }
  return {
    name,
    type: columnTypeOf,
    ...(columnTypeOf === "list" ? { itemType: itemTypeOf(name, body.items) } : {}),
    nullable,
    description: node.description,
    examples: node.examples ?? [],
    ...(node.unit ? { unit: node.unit } : {}),
    ...(constraints.enum ? { enum: constraints.enum } : {}),
    ...(declared(constraints.minimum) !== undefined ? { minimum: constraints.minimum } : {}),
    ...(declared(constraints.maximum) !== undefined ? { maximum: constraints.maximum } : {}),
    ...(constraints.exclusiveMinimum !== undefined ? { exclusiveMinimum: constraints.exclusiveMinimum } : {}),
    ...(constraints.exclusiveMaximum !== undefined ? { exclusiveMaximum: constraints.exclusiveMaximum } : {}),
    ...(constraints.minLength !== undefined ? { minLength: constraints.minLength } : {}),
    ...(constraints.pattern && constraints.format !== "date" ? { pattern: constraints.pattern } : {}),
    // Lists are never dictionary-encoded: Arrow's list of dictionary is what few readers take.
    categorical: columnTypeOf !== "list" && Boolean(node.categorical || body.enum),
    primaryKey: def.primaryKey.includes(name),
    references: def.foreignKeys
      .filter((fk) => fk.fields.includes(name))
      .map((fk) => `${fk.reference.resource}.${fk.reference.fields[fk.fields.indexOf(name)]}`),
  };
}

const INT32 = 2 ** 31;
/** Int32 where the schema bounds the column inside it (years, small counts); Int64 otherwise, so no value can wrap. */
export const fitsInt32 = (column: Column) =>
  column.minimum !== undefined && column.maximum !== undefined && column.minimum >= -INT32 && column.maximum < INT32;

/** Columns in schema order: the stable column order of every published format. */
export function describeColumns(def: TableDef): Column[] {
  const json = z.toJSONSchema(def.schema, { io: "output" }) as { properties: Record<string, JsonSchemaNode> };
  return Object.entries(json.properties).map(([name, node]) => describe(name, node, def));
}
