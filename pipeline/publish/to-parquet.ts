import { tableFromIPC, tableToIPC } from "apache-arrow";
import { Compression, Table, WriterPropertiesBuilder, writeParquet } from "parquet-wasm";

export interface ParquetOptions {
  /** Written into the file footer instead of the library's default, which names its own version. */
  createdBy?: string;
}

/**
 * Parquet bytes from the Arrow IPC file, so Parquet carries exactly the Arrow types, nullability and
 * field metadata (parquet-wasm stores the Arrow schema in the footer). The footer holds no clock, so the
 * same input gives the same bytes.
 */
export function toParquet(arrowFile: Uint8Array, { createdBy = "china-district-plans publish" }: ParquetOptions = {}): Uint8Array {
  const stream = tableToIPC(tableFromIPC(arrowFile), "stream");
  const properties = new WriterPropertiesBuilder().setCompression(Compression.ZSTD).setCreatedBy(createdBy).build();
  return writeParquet(Table.fromIPCStream(stream), properties);
}
