type Row = Record<string, unknown>;

/** A table of the previous release: its Table Schema fields and a way to read its rows again. */
export interface PreviousTable {
  fields: ReadonlyArray<{ name: string; type: string }>;
  rows: () => AsyncIterable<Row>;
}

/** The release before this one; a table it did not publish is absent. */
export interface PreviousRelease {
  version: string;
  tables: Readonly<Record<string, PreviousTable>>;
}
