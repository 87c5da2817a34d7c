import { Table as ArrowTable, tableToIPC, type RecordBatch } from "apache-arrow";
import { Compression, Table, transformParquetStream, WriterPropertiesBuilder } from "parquet-wasm";

export interface ParquetOptions {
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
export async function* parquetBytes(batches: AsyncIterable<RecordBatch>, { createdBy }: ParquetOptions): AsyncGenerator<Uint8Array> {
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
