import { readFile } from "node:fs/promises";
import type { TableFormat } from "./table-format.ts";

/**
 * A table's JSON file, written run by run: an array of row objects with the layout of
 * `JSON.stringify(rows, null, 1)` and a final line break.
 */
function jsonElements(rows: ReadonlyArray<Record<string, unknown>>, first: boolean): string {
  let out = "";
  rows.forEach((row, i) => {
    const element = JSON.stringify(row, null, 1).replaceAll("\n", "\n ");
    out += (first && i === 0 ? "[\n " : ",\n ") + element;
  });
  return out;
}

/** Closes the array; `empty` when no element was written. */
const jsonEnd = (empty: boolean) => (empty ? "[]\n" : "\n]\n");

/** The rows of a table's JSON file: read whole, as JSON has no standard way to stream an array's elements. */
async function* jsonRows(path: string): AsyncGenerator<Record<string, unknown>> {
  const rows: unknown = JSON.parse(await readFile(path, "utf8"));
  if (!Array.isArray(rows)) throw new Error("not an array of rows");
  yield* rows as Array<Record<string, unknown>>;
}

export const jsonFormat: TableFormat = {
  name: "json",
  mediatype: "application/json",
  encoding: "utf-8",
  read: jsonRows,
  input: "rows",
  open(file) {
    let empty = true;
    return {
      async write(rows) {
        await file.write(jsonElements(rows, empty));
        empty &&= rows.length === 0;
      },
      end: () => file.write(jsonEnd(empty)),
    };
  },
};
