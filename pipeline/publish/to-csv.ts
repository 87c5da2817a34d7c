import Papa from "papaparse";
import type { Column } from "./describe-columns.ts";

/**
 * RFC 4180 CSV: header row, LF line ends, fields quoted only when needed. A null is an empty field and an
 * empty string is a quoted one (""), so readers that tell them apart (DuckDB with allow_quoted_nulls = false)
 * get back what the JSON holds.
 */
export function toCsv(columns: readonly Column[], rows: ReadonlyArray<Record<string, unknown>>): string {
  const fields = columns.map((c) => c.name);
  const data = rows.map((row) => fields.map((f) => row[f] ?? null));
  return Papa.unparse({ fields, data }, { newline: "\n", quotes: (value: unknown) => value === "", escapeFormulae: false }) + "\n";
}
