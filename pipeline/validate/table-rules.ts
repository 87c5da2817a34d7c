/**
 * Checks across columns and against the article text, declared as data: a new table or column gets a
 * rule here, not a branch in the checker. `article` names the column holding the article id whose
 * normalized article (build/normalize/articles/<id>.json) supplies `document`; offsets are code points.
 */
export type TableRule =
  /** `low` ≤ `high` wherever both are present; `low` < `high` when strict. */
  | { check: "ordered"; table: string; low: string; high: string; strict?: boolean }
  /**
   * start ≤ end and [start, end) lies inside the document. With `evidence`: that column's text stands in
   * the document around the span (so it contains the span's text).
   */
  | { check: "span"; table: string; article: string; document: Document; start: string; end: string; evidence?: string }
  /** Every "start-end" of the |-separated `spans` column lies inside the document. */
  | { check: "span-list"; table: string; article: string; document: Document; spans: string };

export type Document = "text" | "raw_text";

export const tableRules: readonly TableRule[] = [
  { check: "ordered", table: "targets", low: "value", high: "value_high" },
  { check: "ordered", table: "target_outcomes", low: "target_report_year", high: "outcome_report_year", strict: true },
  { check: "span", table: "targets", article: "article_id", document: "text", start: "char_start", end: "char_end", evidence: "sentence" },
  { check: "span", table: "targets", article: "article_id", document: "raw_text", start: "raw_char_start", end: "raw_char_end" },
  { check: "span-list", table: "themes", article: "article_id", document: "text", spans: "evidence_spans" },
  { check: "span-list", table: "themes", article: "article_id", document: "raw_text", spans: "evidence_raw_spans" },
  { check: "span-list", table: "targets", article: "article_id", document: "text", spans: "restated_spans" },
  { check: "span-list", table: "targets", article: "article_id", document: "raw_text", spans: "restated_raw_spans" },
];
