import {
  Bool, DateDay, Dictionary, Field, Float64, Int32, Int64, makeData, RecordBatch, Schema, Struct, Table, tableToIPC, Utf8,
  vectorFromArray, type DataType,
} from "apache-arrow";
import type { Column } from "./describe-columns.ts";

const INT32 = 2 ** 31;
/** Int32 where the schema bounds the column inside it (years, small counts); Int64 otherwise, so no value can wrap. */
const fitsInt32 = (column: Column) =>
  column.minimum !== undefined && column.maximum !== undefined && column.minimum >= -INT32 && column.maximum < INT32;

/** Dictionary ids are fixed by column position: apache-arrow would otherwise draw them from a process-wide counter. */
function arrowType(column: Column, index: number): DataType {
  switch (column.type) {
    case "integer":
      return fitsInt32(column) ? new Int32() : new Int64();
    case "number":
      return new Float64();
    case "boolean":
      return new Bool();
    case "date":
      return new DateDay();
    case "string":
      return column.categorical ? new Dictionary(new Utf8(), new Int32(), index) : new Utf8();
  }
}

/** Field metadata that survives into pandas, polars and DuckDB: description, unit, allowed values, key role. */
function fieldMetadata(column: Column): Map<string, string> {
  const meta = new Map([["description", column.description]]);
  if (column.unit) meta.set("unit", column.unit);
  if (column.enum) meta.set("allowed_values", column.enum.join("|"));
  if (column.primaryKey) meta.set("primary_key", "true");
  if (column.references.length > 0) meta.set("references", column.references.join("|"));
  return meta;
}

/** Dates travel as epoch milliseconds, which apache-arrow turns into days; Int64 takes bigints. */
function arrowValue(column: Column, type: DataType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (column.type === "date") return Date.parse(`${String(value)}T00:00:00Z`);
  if (type instanceof Int64) return BigInt(value as number);
  return value;
}

export function arrowSchema(columns: readonly Column[], tableMeta: Record<string, string>): Schema {
  const fields = columns.map((c, i) => new Field(c.name, arrowType(c, i), c.nullable, fieldMetadata(c)));
  return new Schema(fields, new Map(Object.entries(tableMeta)));
}

/** Arrow IPC file bytes with real types and the schema's metadata (tableFromArrays would drop it). */
export function toArrow(columns: readonly Column[], rows: ReadonlyArray<Record<string, unknown>>, tableMeta: Record<string, string>): Uint8Array {
  const schema = arrowSchema(columns, tableMeta);
  const children = columns.map((c, i) => {
    const type = schema.fields[i]!.type;
    return vectorFromArray(rows.map((r) => arrowValue(c, type, r[c.name])), type).data[0]!;
  });
  const data = makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children });
  return tableToIPC(new Table(schema, [new RecordBatch(schema, data)]), "file");
}
