/**
 * A table's JSON file, written run by run: an array of row objects with the layout of
 * `JSON.stringify(rows, null, 1)` and a final line break.
 */
export function jsonElements(rows: ReadonlyArray<Record<string, unknown>>, first: boolean): string {
  let out = "";
  rows.forEach((row, i) => {
    const element = JSON.stringify(row, null, 1).replaceAll("\n", "\n ");
    out += (first && i === 0 ? "[\n " : ",\n ") + element;
  });
  return out;
}

/** Closes the array; `empty` when no element was written. */
export const jsonEnd = (empty: boolean) => (empty ? "[]\n" : "\n]\n");
