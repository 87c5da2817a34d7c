/** Stable kebab-case rule names: what a failure broke. */
export type Rule =
  | "invalid-type" | "enum" | "pattern" | "value-range" | "unknown-column" | "invalid-value"
  | "duplicate-key" | "foreign-key"
  | "range-order" | "offset-out-of-range" | "evidence-mismatch" | "unknown-article";

/** One failed check, as data: where (table, row, key, field), what (value) and which rule. */
export interface ValidationError {
  type: Rule;
  table: string;
  /** 1-based row number in the table. */
  row: number;
  /** Primary key values of the row, joined by "/". */
  key: string;
  field: string;
  value: unknown;
  message: string;
}

export type Rows = Readonly<Record<string, ReadonlyArray<Record<string, unknown>>>>;

export function formatError(e: ValidationError): string {
  return `${e.table} row ${e.row} (key ${e.key}) field ${e.field || "-"} = ${JSON.stringify(e.value)}: ${e.type}: ${e.message}`;
}

/** What a refused validate or publish prints: the count and the first errors, one a line. */
export function refusal(errors: readonly ValidationError[], shown = 20): string {
  const lines = errors.slice(0, shown).map(formatError).join("\n  ");
  const more = errors.length > shown ? `\n  … ${errors.length - shown} more` : "";
  return `validation failed with ${errors.length} error(s); nothing is published:\n  ${lines}${more}`;
}
