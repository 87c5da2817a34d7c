import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import Papa from "papaparse";
import { LIST_DELIMITER } from "../../schemas/column.ts";
import type { TableSchema } from "../../schemas/datapackage.ts";
import type { Column } from "./describe-columns.ts";
import type { TableFormat } from "./table-format.ts";

/**
 * Text cells a spreadsheet would run as a formula (OWASP, CSV injection): they start with = + - @, a tab or a
 * carriage return. Papaparse writes them with a leading ' and quoted; numbers are never touched, and JSON, Arrow
 * and Parquet keep the text exact.
 */
export const FORMULA_START = /^[=+\-@\t\r]/u;

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

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
/** A text cell as csvLines defuses one: quoted, with a ' before the formula's first character. */
const DEFUSED = new RegExp(`^'${FORMULA_START.source.slice(1)}`, "u");

/**
 * A CSV field as its column's type: an unquoted empty field is null, a quoted one the empty string (releases
 * before v0.5.0 had them); a list's items split at the delimiter; a defused formula without its '. A field that is
 * not of its type stays a string, for the schema check to name.
 */
function csvValue(value: string, quoted: boolean, type: string | undefined): unknown {
  if (value === "" && !quoted) return null;
  if (type === "integer" || type === "number") return NUMBER.test(value) ? Number(value) : value;
  if (type === "boolean") return value === "true" ? true : value === "false" ? false : value;
  const text = quoted && DEFUSED.test(value) ? value.slice(1) : value;
  return type === "array" ? text.split(LIST_DELIMITER) : text;
}

/**
 * The rows of a table's CSV file, streamed, keyed by its header, valued by the table's schema. Read with
 * csv-parse, not papaparse, which cannot tell `,,` from `,"",` (mholt/PapaParse#710), nor a defused `"'=x"` from a
 * written `'=x`. Only a record whose text holds `""` or a field that looks defused needs its fields' quoting, so
 * only such a record is parsed again for it: csv-parse's cast builds a context object per field, which made
 * every record five times slower.
 */
async function* csvRows(path: string, schema: TableSchema): AsyncGenerator<Record<string, unknown>> {
  const types = new Map(schema.fields.map((f) => [f.name, f.type]));
  const parser = parse({ raw: true });
  // pipe() does not pass on a failed read; the parser must fail with it, or its rows would just end.
  const records = createReadStream(path).on("error", (error) => parser.destroy(error)).pipe(parser) as AsyncIterable<{ record: string[]; raw: string }>;
  let header: string[] | null = null;
  for await (const { record, raw } of records) {
    if (!header) {
      header = record;
      continue;
    }
    const needsQuoting = raw.includes('""') || record.some((v) => DEFUSED.test(v));
    const quoted = needsQuoting ? (parseSync(raw, { cast: (_value, { quoting }) => quoting }) as unknown as boolean[][])[0]! : [];
    yield Object.fromEntries(header.map((name, i) => [name, csvValue(record[i]!, quoted[i] ?? false, types.get(name))]));
  }
}

export const csvFormat: TableFormat = {
  name: "csv",
  mediatype: "text/csv",
  encoding: "utf-8",
  read: csvRows,
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
