import { join } from "node:path";
import type { RecordBatch } from "apache-arrow";
import type { TableDef } from "../../schemas/column.ts";
import { HashedFile, writeHashedFile, type WrittenFile } from "../lib/hashed-file.ts";
import { RowDiff, type Renames, type TableDiff } from "./row-diff.ts";
import type { PreviousTable } from "./previous-release.ts";
import type { TableRows } from "../lib/table-rows.ts";
import type { FileFacts } from "./datapackage.ts";
import { describeColumns, type Column } from "./describe-columns.ts";
import { tableFormats } from "./formats.ts";
import type { FormatTable, FormatWriter, TableFormat } from "./table-format.ts";
import { arrowBatch, arrowSchema, DictionaryValues } from "./to-arrow.ts";
import { toJsonSchema } from "./to-json-schema.ts";

type Row = Record<string, unknown>;

export interface WrittenTable {
  def: TableDef;
  columns: Column[];
  rows: number;
  files: FileFacts[];
  /** Against the previous release's table; null when there is none. */
  diff: TableDiff | null;
}

export interface TableOptions {
  /** Arrow schema metadata. */
  meta: Record<string, string>;
  /** Parquet footer's created_by. */
  createdBy: string;
  previous?: PreviousTable;
  /** Keys the release's tables before this one renamed (RowDiff); this table's are added. */
  renames?: Renames;
}

/** Rows a record batch and a write hold at a time: memory stays flat whatever the table's size. */
const RUN_ROWS = 8192;

/** The rows in column order (a missing value is null), in runs of RUN_ROWS; an empty table is one empty run. */
async function* runs(rows: AsyncIterable<Row>, columns: readonly Column[]): AsyncGenerator<Row[]> {
  let run: Row[] = [];
  let any = false;
  for await (const row of rows) {
    run.push(Object.fromEntries(columns.map((c) => [c.name, row[c.name] ?? null])));
    if (run.length === RUN_ROWS) {
      yield run;
      run = [];
      any = true;
    }
  }
  if (run.length > 0 || !any) yield run;
}

/** Waits for the work, then closes every file whatever happened, so a failed table leaves no open handle. */
async function closeAll(files: readonly HashedFile[], work: Promise<unknown>): Promise<WrittenFile[]> {
  const outcome = await Promise.allSettled([work]);
  const closed = await Promise.allSettled(files.map((f) => f.close()));
  for (const result of [...outcome, ...closed]) if (result.status === "rejected") throw result.reason;
  return closed.map((c) => (c as PromiseFulfilledResult<WrittenFile>).value);
}

/** Streams the pieces into one file per format; a failure stops every writer and still closes every file. */
async function writeFormats<P>(dir: string, table: FormatTable, formats: ReadonlyArray<{ name: string; open(file: HashedFile, table: FormatTable): FormatWriter<P> }>, pieces: AsyncIterable<P>) {
  const opened = await Promise.allSettled(formats.map((f) => HashedFile.create(join(dir, `${table.def.name}.${f.name}`))));
  const files = opened.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
  // One file that cannot be created (a full disk) must not leave the others open: their space would stay taken.
  const failed = opened.find((o) => o.status === "rejected");
  if (failed) {
    await Promise.allSettled(files.map((f) => f.close()));
    throw failed.reason;
  }
  const writers = formats.map((f, i) => f.open(files[i]!, table));
  const work = (async () => {
    try {
      for await (const piece of pieces) await Promise.all(writers.map((w) => w.write(piece)));
      await Promise.all(writers.map((w) => w.end()));
    } catch (error) {
      for (const w of writers) w.abort?.(error);
      throw error;
    }
  })();
  const written = await closeAll(files, work);
  return formats.map((f, i) => ({ path: `${table.def.name}.${f.name}`, ...written[i]! }));
}

const byInput = <K extends TableFormat["input"]>(input: K) => tableFormats.filter((f): f is Extract<TableFormat, { input: K }> => f.input === input);

/**
 * Writes the table in every format of formats.ts, and its JSON Schema, into dir, streaming the rows twice: row
 * formats first (gathering the dictionaries, the row count and the diff), then the batch formats.
 */
export async function writeTable(dir: string, def: TableDef, rows: TableRows, options: TableOptions): Promise<WrittenTable> {
  const columns = describeColumns(def);
  const table: FormatTable = { def, columns, schema: arrowSchema(columns, options.meta), createdBy: options.createdBy };
  const dictionaries = new DictionaryValues(columns);
  const previous = options.previous;
  const diff = previous ? await RowDiff.against(def, () => previous.rows(), options.renames) : null;
  // Each column's example is its first value in the release, so the dictionary shows data, never an invention.
  const examples = new Map<string, unknown>();
  let count = 0;
  async function* gathered(): AsyncGenerator<Row[]> {
    for await (const run of runs(rows(def.name), columns)) {
      for (const row of run) {
        dictionaries.add(row);
        diff?.add(row);
        for (const c of columns) if (!examples.has(c.name) && row[c.name] !== null) examples.set(c.name, row[c.name]);
      }
      count += run.length;
      yield run;
    }
  }
  const text = await writeFormats(dir, table, byInput("rows"), gathered());
  const frozen = dictionaries.freeze();
  async function* batches(): AsyncGenerator<RecordBatch> {
    for await (const run of runs(rows(def.name), columns)) yield arrowBatch(table.schema, columns, run, frozen);
  }
  const binary = await writeFormats(dir, table, byInput("batches"), batches());
  const schema = await writeHashedFile(join(dir, `${def.name}.schema.json`), JSON.stringify(toJsonSchema(def), null, 2) + "\n");
  const files = [...text, ...binary, { path: `${def.name}.schema.json`, ...schema }];
  const described = columns.map((c) => ({ ...c, examples: examples.has(c.name) ? [examples.get(c.name)] : [] }));
  return { def, columns: described, rows: count, files, diff: (await diff?.finish()) ?? null };
}
