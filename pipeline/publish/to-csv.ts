import Papa from "papaparse";
import { LIST_DELIMITER } from "../../schemas/column.ts";
import type { Column } from "./describe-columns.ts";
import type { TableFormat } from "./table-format.ts";

/**
 * Text cells a spreadsheet would run as a formula (OWASP, CSV injection): they start with = + - @, a tab or a
 * carriage return. Papaparse writes them with a leading ' and quoted; numbers are never touched, and JSON, Arrow
 * and Parquet keep the text exact.
 */
const FORMULA_START = /^[=+\-@\t\r]/u;

/** A cell's value: a list as its items joined by the one list delimiter; a null stays null (an empty field). */
const cellOf = (column: Column, value: unknown) => (column.type === "list" && Array.isArray(value) ? value.join(LIST_DELIMITER) : (value ?? null));

/**
 * RFC 4180 CSV lines for a run of rows, each ending in LF; the header line too when `header` is set, so a table
 * is written run by run. Fields are quoted only when needed. A null is an empty field; the schemas allow no empty
 * string, so every reader reads an empty field as the null it is.
 */
function csvLines(columns: readonly Column[], rows: ReadonlyArray<Record<string, unknown>>, header: boolean): string {
  if (rows.length === 0 && !header) return "";
  const fields = columns.map((c) => c.name);
  const data = rows.map((row) => columns.map((c) => cellOf(c, row[c.name])));
  // Papa ends a header-only table with a line break of its own.
  const text = Papa.unparse({ fields, data }, { header, newline: "\n", escapeFormulae: FORMULA_START });
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
