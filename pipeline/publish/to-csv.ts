import Papa from "papaparse";
import type { Column } from "./describe-columns.ts";

/** RFC 4180 CSV: header row, LF line ends, empty field for null, fields quoted only when needed. */
export function toCsv(columns: readonly Column[], rows: ReadonlyArray<Record<string, unknown>>): string {
  const fields = columns.map((c) => c.name);
  const data = rows.map((row) => fields.map((f) => (row[f] === null || row[f] === undefined ? "" : row[f])));
  return Papa.unparse({ fields, data }, { newline: "\n", quotes: false, escapeFormulae: false }) + "\n";
}
