import { readFile } from "node:fs/promises";
import Papa from "papaparse";
import { z } from "zod";
import { TargetRow } from "../../schemas/targets.ts";

const optionalNumber = z.string().transform((s) => (s.trim() === "" ? null : Number(s)));

/** One row of tests/gold/targets-dev.csv (see the annotation guide). */
export const GoldRow = z.object({
  file: z.string().min(1),
  kind: TargetRow.shape.kind,
  metric: z.string(),
  value: z.string().transform(Number),
  value_high: optionalNumber,
  unit: TargetRow.shape.unit,
  measure_word: z.string(),
  comparator: TargetRow.shape.comparator,
  direction: TargetRow.shape.direction,
  time_phrase: z.string().transform((s) => s || null),
  year: optionalNumber,
  required: z.enum(["yes", "optional"]),
  quote: z.string(),
});
export type GoldRow = z.infer<typeof GoldRow>;

type Predicted = Pick<TargetRow, "article_id" | "kind" | "metric" | "value" | "value_high" | "unit" | "comparator" | "direction" | "time_phrase" | "year">;
type Article = { article_id: string; source_file: string };

export interface FieldScore {
  correct: number;
  matched: number;
  accuracy: number;
}

export interface EvalReport {
  overall: { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number };
  /** Agreement on the required gold rows that were matched; metric counts as correct at character-bigram Dice ≥ 0.5. */
  fields: Record<string, FieldScore>;
  /** Required gold rows nobody matched, and extracted rows that match no gold row: what to look at next. */
  missed: GoldRow[];
  extra: Array<Predicted & { source_file: string }>;
}

/** Parses the gold CSV (RFC 4180). */
export async function loadGold(path: string): Promise<GoldRow[]> {
  const parsed = Papa.parse<Record<string, string>>(await readFile(path, "utf8"), { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`${path}: ${parsed.errors[0]!.message} (row ${parsed.errors[0]!.row})`);
  return z.array(GoldRow).parse(parsed.data);
}

export const sameNumber = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function bigrams(text: string): string[] {
  const chars = [...text];
  return chars.length < 2 ? chars : chars.slice(1).map((c, i) => chars[i]! + c);
}

/** Dice coefficient of character bigrams: 1 for the same metric, 0 for nothing in common. */
export function metricSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.length + y.length === 0) return 1;
  const pool = [...y];
  let shared = 0;
  for (const g of x) {
    const at = pool.indexOf(g);
    if (at >= 0) {
      shared++;
      pool.splice(at, 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

const FIELDS: Record<string, (g: GoldRow, p: Predicted) => boolean> = {
  kind: (g, p) => g.kind === p.kind,
  value: (g, p) => sameNumber(g.value, p.value),
  value_high: (g, p) => sameNumber(g.value_high, p.value_high),
  unit: (g, p) => g.unit === p.unit,
  comparator: (g, p) => g.comparator === p.comparator,
  direction: (g, p) => g.direction === p.direction,
  year: (g, p) => g.year === p.year,
  time_phrase: (g, p) => g.time_phrase === p.time_phrase,
  metric: (g, p) => metricSimilarity(g.metric, p.metric) >= 0.5,
};

const agreement = (g: GoldRow, p: Predicted) => Object.values(FIELDS).filter((same) => same(g, p)).length;

/**
 * Scores extracted targets against the gold rows. A row matches when article, value, value_high and unit
 * agree; each gold row takes at most one extracted row, the one agreeing on most fields. Optional gold rows
 * absorb a match but count neither as found nor as missed.
 */
export function evaluate(gold: readonly GoldRow[], targets: readonly Predicted[], articles: readonly Article[]): EvalReport {
  const fileOf = new Map(articles.map((a) => [a.article_id, a.source_file]));
  // Only the articles the gold file labels are scored: other articles of the build have no gold rows to miss.
  const labelled = new Set(gold.map((g) => g.file));
  const files = new Set([...fileOf.values()].filter((f) => labelled.has(f)));
  const pool = targets.map((t) => ({ ...t, source_file: fileOf.get(t.article_id) ?? "" })).filter((t) => files.has(t.source_file));
  const free = new Set(pool.keys());
  const pairs: Array<[GoldRow, Predicted]> = [];
  const missed: GoldRow[] = [];
  // Required rows pick first, so an optional row never takes the extraction a required one needs.
  const ordered = [...gold.filter((g) => g.required === "yes"), ...gold.filter((g) => g.required !== "yes")];
  for (const g of ordered.filter((row) => files.has(row.file))) {
    let best = -1;
    for (const i of free) {
      const p = pool[i]!;
      if (p.source_file !== g.file || !sameNumber(p.value, g.value) || !sameNumber(p.value_high, g.value_high) || p.unit !== g.unit) continue;
      if (best < 0 || agreement(g, p) > agreement(g, pool[best]!)) best = i;
    }
    if (best >= 0) {
      free.delete(best);
      if (g.required === "yes") pairs.push([g, pool[best]!]);
    } else if (g.required === "yes") {
      missed.push(g);
    }
  }
  const tp = pairs.length;
  const fp = free.size;
  const fn = missed.length;
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const fields = Object.fromEntries(
    Object.entries(FIELDS).map(([name, same]) => {
      const correct = pairs.filter(([g, p]) => same(g, p)).length;
      return [name, { correct, matched: tp, accuracy: tp === 0 ? 0 : correct / tp }];
    }),
  );
  return { overall: { precision, recall, f1, tp, fp, fn }, fields, missed, extra: [...free].map((i) => pool[i]!) };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** The report as markdown: overall scores, per-field accuracy, then the misses and extras. */
export function formatReport(report: EvalReport): string {
  const { precision, recall, f1, tp, fp, fn } = report.overall;
  const lines = [
    "| precision | recall | F1 | true positives | false positives | false negatives |",
    "|---|---|---|---|---|---|",
    `| ${pct(precision)} | ${pct(recall)} | ${pct(f1)} | ${tp} | ${fp} | ${fn} |`,
    "",
    "| field | correct | matched | accuracy |",
    "|---|---|---|---|",
    ...Object.entries(report.fields).map(([name, s]) => `| ${name} | ${s.correct} | ${s.matched} | ${pct(s.accuracy)} |`),
  ];
  if (report.missed.length > 0) {
    lines.push("", "Missed (required gold rows):", ...report.missed.map((g) => `- ${g.file}: ${g.value} ${g.unit} ${g.metric} (${g.quote})`));
  }
  if (report.extra.length > 0) {
    lines.push("", "Extra (no gold row):", ...report.extra.map((p) => `- ${p.source_file}: ${p.value} ${p.unit} ${p.metric}`));
  }
  return lines.join("\n") + "\n";
}
