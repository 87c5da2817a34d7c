/** Rows as one list of field names and one array of values per row: a shard spells each key once, not per row. */
export interface PackedTable<T> {
  fields: (keyof T & string)[];
  rows: unknown[][];
}

export function packRows<T>(rows: readonly T[], fields: readonly (keyof T & string)[]): PackedTable<T> {
  return { fields: [...fields], rows: rows.map((row) => fields.map((f) => row[f])) };
}

export function unpackRows<T>(table: PackedTable<T>): T[] {
  return table.rows.map((values) => Object.fromEntries(table.fields.map((f, i) => [f, values[i]])) as T);
}
