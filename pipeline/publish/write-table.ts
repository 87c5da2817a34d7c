import { join } from "node:path";
import { RecordBatchFileWriter, type RecordBatch } from "apache-arrow";
import type { TableDef } from "../../schemas/column.ts";
import { HashedFile, writeHashedFile, type WrittenFile } from "../lib/hashed-file.ts";
import { RowDiff, type DiffCounts } from "./changes-since.ts";
import type { PreviousTable } from "./previous-release.ts";
import type { TableRows } from "../lib/table-rows.ts";
import type { FileFacts } from "./datapackage.ts";
import { describeColumns, type Column } from "./describe-columns.ts";
import { arrowBatch, arrowSchema, DictionaryValues, type FrozenDictionaries } from "./to-arrow.ts";
import { csvLines } from "./to-csv.ts";
import { jsonElements, jsonEnd } from "./to-json.ts";
import { toJsonSchema } from "./to-json-schema.ts";
import { parquetBytes } from "./to-parquet.ts";

type Row = Record<string, unknown>;


export interface WrittenTable {
  def: TableDef;
  columns: Column[];
  rows: number;
  files: FileFacts[];
  /** Against the previous release's table; null when there is none. */
  diff: DiffCounts | null;
}

export interface TableOptions {
  /** Arrow schema metadata. */
  meta: Record<string, string>;
  /** Parquet footer's created_by. */
  createdBy: string;
  previous?: PreviousTable;
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

/** CSV and JSON in one pass, gathering what the second pass needs: dictionaries, the row count, the diff. */
async function writeText(dir: string, def: TableDef, columns: readonly Column[], rows: TableRows, previous?: PreviousTable) {
  const dictionaries = new DictionaryValues(columns);
  const diff = previous ? await RowDiff.against(def.primaryKey, previous.rows()) : null;
  const csv = await HashedFile.create(join(dir, `${def.name}.csv`));
  const json = await HashedFile.create(join(dir, `${def.name}.json`));
  let count = 0;
  const work = (async () => {
    for await (const run of runs(rows(def.name), columns)) {
      await csv.write(csvLines(columns, run, count === 0));
      await json.write(jsonElements(run, count === 0));
      for (const row of run) {
        dictionaries.add(row);
        diff?.add(row);
      }
      count += run.length;
    }
    await json.write(jsonEnd(count === 0));
  })();
  const [csvFile, jsonFile] = await closeAll([csv, json], work);
  return { dictionaries: dictionaries.freeze(), count, diff: diff?.counts() ?? null, written: { csv: csvFile!, json: jsonFile! } };
}

/** Arrow and Parquet in one pass: each record batch goes to the Arrow writer and on to parquet-wasm, which pulls them. */
async function writeBinary(dir: string, def: TableDef, columns: readonly Column[], rows: TableRows, dictionaries: FrozenDictionaries, options: TableOptions) {
  const schema = arrowSchema(columns, options.meta);
  const arrow = await HashedFile.create(join(dir, `${def.name}.arrow`));
  const parquet = await HashedFile.create(join(dir, `${def.name}.parquet`));
  const writer = new RecordBatchFileWriter();
  async function* batches(): AsyncGenerator<RecordBatch> {
    try {
      for await (const run of runs(rows(def.name), columns)) {
        const batch = arrowBatch(schema, columns, run, dictionaries);
        writer.write(batch);
        yield batch;
      }
      writer.finish();
    } catch (error) {
      writer.abort(error);
      throw error;
    }
  }
  const work = Promise.all([arrow.writeAll(writer), parquet.writeAll(parquetBytes(batches(), { createdBy: options.createdBy }))]);
  const [arrowFile, parquetFile] = await closeAll([arrow, parquet], work);
  return { arrow: arrowFile!, parquet: parquetFile! };
}

/** Writes <table>.csv, .json, .arrow, .parquet and .schema.json into dir, streaming the rows twice. */
export async function writeTable(dir: string, def: TableDef, rows: TableRows, options: TableOptions): Promise<WrittenTable> {
  const columns = describeColumns(def);
  const text = await writeText(dir, def, columns, rows, options.previous);
  const binary = await writeBinary(dir, def, columns, rows, text.dictionaries, options);
  const schema = await writeHashedFile(join(dir, `${def.name}.schema.json`), JSON.stringify(toJsonSchema(def), null, 2) + "\n");
  const written = { ...text.written, ...binary, "schema.json": schema };
  const files = Object.entries(written).map(([ext, file]) => ({ path: `${def.name}.${ext}`, ...file }));
  return { def, columns, rows: text.count, files, diff: text.diff };
}
