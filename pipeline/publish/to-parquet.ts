import { readFile } from "node:fs/promises";
import { Table as ArrowTable, RecordBatchReader, tableToIPC, type RecordBatch } from "apache-arrow";
import { Compression, readParquet, Table, transformParquetStream, WriterPropertiesBuilder } from "parquet-wasm";
import { PushQueue } from "../lib/push-queue.ts";
import { batchRows } from "./to-arrow.ts";
import type { TableFormat } from "./table-format.ts";

interface ParquetOptions {
  /** Written into the file footer instead of the library's default, which names its own version. */
  createdBy: string;
}

/**
 * Rows per Parquet row group. The writer holds a row group in WebAssembly memory, which never shrinks, until
 * it is full; this bounds that memory at corpus size and still gives readers large groups.
 */
const ROW_GROUP_ROWS = 32_768;

/**
 * Parquet bytes from Arrow record batches, streamed: parquet-wasm pulls the next batch as it writes, so Parquet
 * carries exactly the Arrow types, nullability and field metadata (the Arrow schema is stored in the footer).
 * The footer holds no clock, so the same batches give the same bytes.
 */
async function* parquetBytes(batches: AsyncIterable<RecordBatch>, { createdBy }: ParquetOptions): AsyncGenerator<Uint8Array> {
  const source = batches[Symbol.asyncIterator]();
  const wasmBatches = new ReadableStream(
    {
      async pull(controller) {
        const next = await source.next();
        if (next.done) return controller.close();
        const batch = next.value;
        controller.enqueue(Table.fromIPCStream(tableToIPC(new ArrowTable(batch.schema, [batch]), "stream")).recordBatch(0));
      },
    },
    { highWaterMark: 0 },
  );
  const properties = new WriterPropertiesBuilder()
    .setCompression(Compression.ZSTD)
    .setCreatedBy(createdBy)
    .setMaxRowGroupSize(ROW_GROUP_ROWS)
    .build();
  const bytes = (await transformParquetStream(wasmBatches, properties)) as ReadableStream<Uint8Array>;
  for await (const chunk of bytes) yield chunk;
}

/** The rows of a Parquet file, read whole into WebAssembly memory and handed to apache-arrow as an IPC stream. */
async function* parquetRows(path: string): AsyncGenerator<Record<string, unknown>> {
  yield* batchRows(RecordBatchReader.from(readParquet(await readFile(path)).intoIPCStream()));
}

export const parquetFormat: TableFormat = {
  name: "parquet",
  mediatype: "application/vnd.apache.parquet",
  read: parquetRows,
  input: "batches",
  open(file, { createdBy }) {
    const batches = new PushQueue<RecordBatch>();
    const written = file.writeAll(parquetBytes(batches, { createdBy }));
    // A writer that stopped early (a failed write) takes no more batches: the next push fails with it.
    const stopped = written.then(() => {
      throw new Error("the Parquet writer stopped before the last batch");
    });
    stopped.catch(() => {});
    return {
      write: (batch) => Promise.race([batches.push(batch), stopped]),
      async end() {
        batches.close();
        await written;
      },
      abort: () => batches.close(),
    };
  },
};
