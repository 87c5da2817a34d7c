import { open } from "node:fs/promises";
import {
  Bool, DateDay, Dictionary, Field, Float64, Int32, Int64, List, makeData, RecordBatch, RecordBatchFileWriter, RecordBatchReader, Schema,
  Struct, Utf8, vectorFromArray, Vector, DataType,
} from "apache-arrow";
import { fitsInt32, type Column } from "./describe-columns.ts";
import type { TableFormat } from "./table-format.ts";

type Row = Record<string, unknown>;


/** A list's items as a column of their own: the item type, with the list's constraints, never dictionary-encoded. */
const itemColumn = (column: Column): Column => ({ ...column, type: column.itemType!, itemType: undefined, categorical: false });

/** Dictionary ids are fixed by column position: apache-arrow would otherwise draw them from a process-wide counter. */
function arrowType(column: Column, index: number): DataType {
  switch (column.type) {
    case "list":
      // "item", as pyarrow and polars name a list's field.
      return new List(new Field("item", arrowType(itemColumn(column), index), false));
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
  if (column.type === "list") return (value as unknown[]).map((item) => arrowValue(itemColumn(column), (type as List).children[0]!.type, item));
  if (column.type === "date") return Date.parse(`${String(value)}T00:00:00Z`);
  if (type instanceof Int64) return BigInt(value as number);
  return value;
}

export function arrowSchema(columns: readonly Column[], tableMeta: Record<string, string>): Schema {
  const fields = columns.map((c, i) => new Field(c.name, arrowType(c, i), c.nullable, fieldMetadata(c)));
  return new Schema(fields, new Map(Object.entries(tableMeta)));
}

/** A categorical column's dictionary for every batch of a table: the values and each value's index. */
interface FrozenDictionary {
  vector: Vector<Utf8>;
  index: ReadonlyMap<string, number>;
}
export type FrozenDictionaries = ReadonlyMap<string, FrozenDictionary>;

/**
 * The values of each categorical column, in order of first appearance over the whole table. Every record batch
 * shares one dictionary per column, so the Arrow file holds each dictionary once: the IPC file format allows
 * no replacement dictionaries, and some readers no deltas either. First-appearance order is the order
 * apache-arrow's own builder gives a table written as a single batch.
 */
export class DictionaryValues {
  private readonly values: Map<string, Map<string, number>>;

  constructor(columns: readonly Column[]) {
    this.values = new Map(columns.filter((c) => c.categorical).map((c) => [c.name, new Map()]));
  }

  add(row: Row): void {
    for (const [name, seen] of this.values) {
      const value = row[name];
      if (typeof value === "string" && !seen.has(value)) seen.set(value, seen.size);
    }
  }

  freeze(): FrozenDictionaries {
    return new Map([...this.values].map(([name, seen]) => [name, { vector: vectorFromArray([...seen.keys()], new Utf8()), index: seen }]));
  }
}

function dictionaryData(type: Dictionary<Utf8, Int32>, rows: readonly Row[], name: string, dictionary: FrozenDictionary) {
  const indices = new Int32Array(rows.length);
  // Padded to 64 bytes as apache-arrow's builders pad it: the same rows give the same file either way.
  const validity = new Uint8Array(Math.ceil(((rows.length + 7) >> 3) / 64) * 64);
  let nullCount = 0;
  rows.forEach((row, i) => {
    const value = row[name];
    if (typeof value === "string") {
      indices[i] = dictionary.index.get(value)!;
      validity[i >> 3]! |= 1 << (i & 7);
    } else nullCount++;
  });
  return makeData({ type, length: rows.length, nullCount, nullBitmap: nullCount > 0 ? validity : null, data: indices, dictionary: dictionary.vector });
}

/** One record batch of rows (in column order) with real types and the table's shared dictionaries. */
export function arrowBatch(schema: Schema, columns: readonly Column[], rows: readonly Row[], dictionaries: FrozenDictionaries): RecordBatch {
  const children = columns.map((c, i) => {
    const type = schema.fields[i]!.type;
    const dictionary = dictionaries.get(c.name);
    if (dictionary) return dictionaryData(type as Dictionary<Utf8, Int32>, rows, c.name, dictionary);
    return vectorFromArray(rows.map((r) => arrowValue(c, type, r[c.name])), type).data[0]!;
  });
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children }));
}

/** A value read from Arrow as the table's JSON file has it: Int64 as a number, a date as YYYY-MM-DD, a list as an array. */
function jsonValue(type: DataType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (DataType.isList(type) && value instanceof Vector) return [...value].map((item) => jsonValue(type.children[0]!.type, item));
  // A reader's types are the generic classes (Date_ with a unit, not DateDay), so they are told apart by their type ids.
  if (DataType.isDate(type)) return new Date(value as number).toISOString().slice(0, 10);
  return typeof value === "bigint" ? Number(value) : value;
}

/** The rows of record batches (of an Arrow file, or Parquet read into Arrow), one batch in memory at a time. */
export async function* batchRows(batches: AsyncIterable<RecordBatch> | Iterable<RecordBatch>): AsyncGenerator<Row> {
  for await (const batch of batches) {
    const fields = batch.schema.fields;
    const columns = fields.map((_, i) => batch.getChildAt(i)!);
    for (let r = 0; r < batch.numRows; r++) {
      yield Object.fromEntries(fields.map((f, i) => [f.name, jsonValue(f.type, columns[i]!.get(r))]));
    }
  }
}

/** The rows of an Arrow file, one record batch in memory at a time. */
async function* arrowRows(path: string): AsyncGenerator<Row> {
  const handle = await open(path);
  try {
    yield* batchRows(await RecordBatchReader.from(handle));
  } finally {
    await handle.close();
  }
}

/** The Arrow IPC file format (Feather v2), which pandas, polars, DuckDB and R read with every type kept. */
export const arrowFormat: TableFormat = {
  name: "arrow",
  mediatype: "application/vnd.apache.arrow.file",
  read: arrowRows,
  input: "batches",
  open(file) {
    const writer = new RecordBatchFileWriter();
    const written = file.writeAll(writer);
    return {
      async write(batch) {
        writer.write(batch);
      },
      async end() {
        writer.finish();
        await written;
      },
      abort: (error) => writer.abort(error),
    };
  },
};
