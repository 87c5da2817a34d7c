import Papa from "papaparse";
import type { Column } from "./describe-columns.ts";
import type { TableFormat } from "./table-format.ts";

/**
 * RFC 4180 CSV lines for a run of rows, each ending in LF; the header line too when `header` is set, so a table
 * is written run by run. Fields are quoted only when needed. A null is an empty field and an empty string a
 * quoted one (""), so readers that tell them apart (DuckDB with allow_quoted_nulls = false) get back what the
 * JSON holds.
 */
function csvLines(columns: readonly Column[], rows: ReadonlyArray<Record<string, unknown>>, header: boolean): string {
  if (rows.length === 0 && !header) return "";
  const fields = columns.map((c) => c.name);
  const data = rows.map((row) => fields.map((f) => row[f] ?? null));
  // Papa ends a header-only table with a line break of its own.
  const text = Papa.unparse({ fields, data }, { header, newline: "\n", quotes: (value: unknown) => value === "", escapeFormulae: false });
  return rows.length === 0 ? text : text + "\n";
}

export const csvFormat: TableFormat = {
  name: "csv",
  mediatype: "text/csv",
  encoding: "utf-8",
  input: "rows",
  open(file, { columns }) {
    let header = true;
    return {
      async write(rows) {
        await file.write(csvLines(columns, rows, header));
        header = false;
      },
      async end() {},
    };
  },
};
