/** A table's rows by table name, readable more than once: publish goes over each table twice. */
export type TableRows = (table: string) => AsyncIterable<Record<string, unknown>>;
