const NUMERIC = /^[\d,.]+( [kMG]?B)?$/;

/** Rows of cells as lines of padded columns, numbers right-aligned: the tables list and verify print. */
export function alignColumns(rows: ReadonlyArray<readonly string[]>, indent = ""): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length))) ?? [];
  return rows
    .map((row, i) => indent + row.map((cell, c) => (i > 0 && NUMERIC.test(cell) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join("  ").trimEnd())
    .join("\n") + "\n";
}
