import { CodePointText } from "../lib/code-points.ts";
import type { Document, TableRule } from "./table-rules.ts";
import { describeKey } from "../lib/row-key.ts";
import type { Rows, ValidationError } from "./validation-error.ts";

/** The texts offsets point into: normalized `text` and decoded `raw_text`, as in build/normalize/articles/. */
export type ArticleText = Record<Document, string>;

type Row = Record<string, unknown>;
type Fail = Pick<ValidationError, "type" | "field" | "value" | "message">;
/** An article's documents as code points, or undefined when the article has no normalized text. */
export type ArticlePoints = (id: string, document: Document) => CodePointText | undefined;

type Checker<C extends TableRule["check"]> = (rule: Extract<TableRule, { check: C }>, row: Row, points: ArticlePoints) => Fail[];

const present = (v: unknown) => v !== null && v !== undefined;

function withText(rule: Extract<TableRule, { article: string }>, row: Row, points: ArticlePoints, check: (text: CodePointText, id: string) => Fail[]): Fail[] {
  const id = String(row[rule.article]);
  const text = points(id, rule.document);
  if (text) return check(text, id);
  return [{ type: "unknown-article", field: rule.article, value: row[rule.article], message: `no normalized article ${id} to check ${rule.table} against` }];
}

function outOfRange(start: unknown, end: unknown, text: CodePointText): boolean {
  return !(Number.isInteger(start) && Number.isInteger(end) && (start as number) >= 0 && (start as number) <= (end as number) && (end as number) <= text.length);
}

const rangeMessage = (what: string, start: unknown, end: unknown, id: string, document: Document, text: CodePointText) =>
  `${what} = ${String(start)}..${String(end)} is not inside article ${id}'s ${document} (${text.length} code points)`;

const CHECKS: { [C in TableRule["check"]]: Checker<C> } = {
  ordered(rule, row) {
    const [low, high] = [row[rule.low], row[rule.high]];
    if (!present(low) || !present(high) || (rule.strict ? (low as number) < (high as number) : (low as number) <= (high as number))) return [];
    const relation = rule.strict ? "is not after" : "is below";
    return [{ type: "range-order", field: rule.high, value: high, message: `${rule.high} ${String(high)} ${relation} ${rule.low} ${String(low)}` }];
  },

  span: (rule, row, points) =>
    withText(rule, row, points, (text, id) => {
      const [start, end] = [row[rule.start], row[rule.end]];
      if (outOfRange(start, end, text)) {
        const message = rangeMessage(`${rule.start}..${rule.end}`, start, end, id, rule.document, text);
        return [{ type: "offset-out-of-range", field: `${rule.start},${rule.end}`, value: [start, end], message }];
      }
      if (!rule.evidence) return [];
      const [s, e] = [start as number, end as number];
      const evidence = String(row[rule.evidence]);
      const length = new CodePointText(evidence).length;
      // The evidence must stand in the text at a position that covers the span, not merely contain its words.
      for (let at = Math.max(0, e - length); at <= s && at + length <= text.length; at++) if (text.slice(at, at + length) === evidence) return [];
      return [{
        type: "evidence-mismatch",
        field: rule.evidence,
        value: row[rule.evidence],
        message: `${rule.evidence} does not stand in article ${id}'s ${rule.document} around ${rule.start}..${rule.end} = ${s}..${e} (text there: ${JSON.stringify(text.slice(s, e))})`,
      }];
    }),

  "span-list": (rule, row, points) =>
    // A missing or malformed list is the schema check's to report (or none: restated_spans).
    !Array.isArray(row[rule.spans]) ? [] : withText(rule, row, points, (text, id) =>
      (row[rule.spans] as string[]).flatMap((span) => {
        const [start, end] = span.split("-").map(Number);
        if (!outOfRange(start, end, text)) return [];
        return [{ type: "offset-out-of-range" as const, field: rule.spans, value: row[rule.spans], message: rangeMessage(`span ${span}`, start, end, id, rule.document, text) }];
      })),
};

/** A checker of the declared rules for one table's rows, as they stream past; `points` supplies the article texts. */
export function ruleChecker(rules: readonly TableRule[], table: string, primaryKey: readonly string[], points: ArticlePoints) {
  const own = rules.filter((rule) => rule.table === table);
  return (row: Row, rowNumber: number): ValidationError[] => {
    const key = describeKey(row, primaryKey);
    return own.flatMap((rule) => (CHECKS[rule.check] as Checker<TableRule["check"]>)(rule, row, points).map((fail) => ({ table, row: rowNumber, key, ...fail })));
  };
}

/**
 * Indexes an article's documents by code point once, however many rows point into them; the index is kept
 * only as long as the article itself, so a caller that forgets articles frees their indexes too.
 */
export function pointsOf(articles: ReadonlyMap<string, ArticleText | null>): ArticlePoints {
  const cache = new WeakMap<ArticleText, Partial<Record<Document, CodePointText>>>();
  return (id, document) => {
    const article = articles.get(id);
    if (!article) return undefined;
    const split = cache.get(article) ?? {};
    cache.set(article, split);
    return (split[document] ??= new CodePointText(article[document]));
  };
}

/** Runs the declared cross-field and text rules. Pure: tables and article texts in, errors out, by table and row. */
export function checkRules(rules: readonly TableRule[], primaryKeys: Readonly<Record<string, readonly string[]>>, tables: Rows, articles: ReadonlyMap<string, ArticleText>): ValidationError[] {
  const points = pointsOf(articles);
  return Object.entries(tables)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([table, rows]) => {
      const check = ruleChecker(rules, table, primaryKeys[table] ?? [], points);
      return rows.flatMap((row, i) => check(row, i + 1));
    });
}
