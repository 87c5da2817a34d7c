import type { RecordBatch, Schema } from "apache-arrow";
import type { TableDef } from "../../schemas/column.ts";
import type { TableSchema } from "../../schemas/datapackage.ts";
import type { HashedFile } from "../lib/hashed-file.ts";
import type { Column } from "./describe-columns.ts";

type Row = Record<string, unknown>;

/** What a format writer knows of its table. */
export interface FormatTable {
  def: TableDef;
  columns: readonly Column[];
  /** The table's Arrow schema (with its metadata), which record batches carry. */
  schema: Schema;
  /** Names the producer inside files that record one (Parquet's created_by). */
  createdBy: string;
}

/** Writes one table's file piece by piece, in row order. */
export interface FormatWriter<P> {
  write(piece: P): Promise<void>;
  /** After the last piece (an empty table gets one empty piece). */
  end(): Promise<void>;
  /** Stops a writer whose table failed midway, so nothing waits on it. */
  abort?(error: unknown): void;
}

interface FormatFacts {
  /** The file's extension and the resource's `format` in datapackage.json. */
  name: string;
  mediatype: string;
  encoding?: "utf-8";
  /** Reads a published file back as rows valued as the table's JSON file holds them, for verify and diff. */
  read(path: string, schema: TableSchema): AsyncIterable<Row>;
}

/**
 * One output format of every table. Row formats take runs of plain rows in the first pass over a table;
 * batch formats take Arrow record batches in the second, built once per run with the dictionaries the first
 * pass gathered, so Arrow and Parquet share the types and dictionaries.
 */
export type TableFormat = FormatFacts &
  (
    | { input: "rows"; open(file: HashedFile, table: FormatTable): FormatWriter<readonly Row[]> }
    | { input: "batches"; open(file: HashedFile, table: FormatTable): FormatWriter<RecordBatch> }
  );
