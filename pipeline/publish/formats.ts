import { arrowFormat } from "./to-arrow.ts";
import { csvFormat } from "./to-csv.ts";
import { jsonFormat } from "./to-json.ts";
import { parquetFormat } from "./to-parquet.ts";
import type { TableFormat } from "./table-format.ts";

/** Every format each table is published in, in the order of datapackage.json's resources; the first names the table's resource. */
export const tableFormats: readonly TableFormat[] = [csvFormat, jsonFormat, arrowFormat, parquetFormat];
