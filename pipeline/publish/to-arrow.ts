import {
  Bool, Dictionary, Field, Float64, Int32, makeData, RecordBatch, Schema, Struct, Table, tableToIPC, Utf8,
  vectorFromArray, type DataType,
} from "apache-arrow";
import type { Column } from "./describe-columns.ts";

/** Dictionary ids are fixed by column position: apache-arrow would otherwise draw them from a process-wide counter. */
function arrowType(column: Column, index: number): DataType {
  switch (column.type) {
    case "integer":
      return new Int32();
    case "number":
      return new Float64();
    case "boolean":
      return new Bool();
    case "string":
      return column.categorical ? new Dictionary(new Utf8(), new Int32(), index) : new Utf8();
  }
}

/** Field metadata that survives into pandas, polars and DuckDB: description, unit, allowed values. */
function fieldMetadata(column: Column): Map<string, string> {
  const meta = new Map([["description", column.description]]);
  if (column.unit) meta.set("unit", column.unit);
  if (column.enum) meta.set("allowed_values", column.enum.join("|"));
  return meta;
}

export function arrowSchema(columns: readonly Column[], tableMeta: Record<string, string>): Schema {
  const fields = columns.map((c, i) => new Field(c.name, arrowType(c, i), c.nullable, fieldMetadata(c)));
  return new Schema(fields, new Map(Object.entries(tableMeta)));
}

/** Arrow IPC file bytes with real types and the schema's metadata (tableFromArrays would drop it). */
export function toArrow(columns: readonly Column[], rows: ReadonlyArray<Record<string, unknown>>, tableMeta: Record<string, string>): Uint8Array {
  const schema = arrowSchema(columns, tableMeta);
  const children = schema.fields.map((field) => vectorFromArray(rows.map((r) => r[field.name] ?? null), field.type).data[0]!);
  const data = makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children });
  return tableToIPC(new Table(schema, [new RecordBatch(schema, data)]), "file");
}
