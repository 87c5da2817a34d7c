import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import Papa from "papaparse";
import { z } from "zod";
import type { ArticleRow } from "../../schemas/articles.ts";
import type { NormalizedArticle, NormalizedEntry } from "../../schemas/normalized-article.ts";
import { TargetRow } from "../../schemas/targets.ts";
import { readJsonlAll } from "../lib/files.ts";
import type { BuildPaths } from "../lib/paths.ts";
import { PipelineError } from "../lib/pipeline-error.ts";
import { readVerified } from "../lib/read-verified.ts";
import { sameNumber } from "./evaluate-targets.ts";
import type { SourceRow } from "../../schemas/sources.ts";
import { charClass, COLONS, COMMAS, SEMICOLONS, STOPS } from "../text/punctuation.ts";

/**
 * Scores a build against the structure gold (tests/gold/structure/, see its guide): report year, headline
 * recall, and the kind and year of every row whose clause names no time of its own, per corpus (A, B, C).
 * Everything here is read from the gold and the texts, not from the extractor's own rules.
 */

const int = z.string().transform((s) => Number(s));
const optionalNumber = z.string().transform((s) => (s.trim() === "" ? null : Number(s)));

export const SectionGold = z.object({
  file: z.string().min(1),
  report_year: int,
  part: z.enum(["review", "plan", "long_range", "other"]),
  start_line: int,
  end_line: int,
  heading: z.string(),
});
export type SectionGold = z.infer<typeof SectionGold>;

export const HeadlineGold = z.object({
  file: z.string().min(1),
  indicator: z.string(),
  metric: z.string(),
  value: z.string().transform(Number),
  value_high: optionalNumber,
  unit: TargetRow.shape.unit,
  comparator: TargetRow.shape.comparator,
  direction: TargetRow.shape.direction,
  year: int,
  quote: z.string().min(1),
});
export type HeadlineGold = z.infer<typeof HeadlineGold>;

export async function loadCsv<T extends z.ZodType>(path: string, schema: T): Promise<Array<z.infer<T>>> {
  const parsed = Papa.parse<Record<string, string>>(await readFile(path, "utf8"), { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`${path}: ${parsed.errors[0]!.message} (row ${parsed.errors[0]!.row})`);
  return z.array(schema).parse(parsed.data);
}

/** One article as the scorer needs it. */
export interface ScoredArticle {
  article_id: string;
  source_file: string;
  /** The decoded text of the raw file, which the gold's lines and the rows' raw offsets count in. */
  raw: string;
  /** The normalized text, which the rows' char offsets count in. */
  text: string;
  report_year: number | null;
  district_id: string | null;
}

type Row = Pick<TargetRow, "article_id" | "kind" | "value" | "value_high" | "unit" | "year" | "char_start" | "char_end" | "raw_char_start" | "raw_char_end"> &
  Partial<Pick<TargetRow, "metric" | "sentence" | "indicator">>;

/** Code-point offset of each line start in a text (lines split on \n). */
function lineStarts(text: string): number[] {
  const starts = [0];
  let cp = 0;
  for (const ch of text) {
    cp++;
    if (ch === "\n") starts.push(cp);
  }
  return starts;
}

/** 1-based line holding a code-point offset. */
function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Code-point spans of every occurrence of `quote` in `text`. */
function occurrences(text: string, quote: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const length = [...quote].length;
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
    const start = [...text.slice(0, at)].length;
    spans.push([start, start + length]);
  }
  return spans;
}

/** Time the clause states itself, which then wins over its part: years, plan periods, relative and open spans. */
const OWN_TIME = new RegExp(
  [
    "(?:19|20)\\d\\d年",
    "十[一二三四五六七八九]五",
    "今年|去年|上年|前年|明年|今后|未来|过去|以来|年来|期间|年均|每年|历年|同期",
    "[一二三四五六七八九十两\\d]+年(?:内|间|来|后|前|里|中)",
    "[到至]20",
    "^[两二三四五六七八九十]年",
  ].join("|"),
  "u",
);
/** 比上年增长 compares with the year before; it does not date the quantity. */
const COMPARISON = /[比较](?:上年|去年)(?:同期)?/gu;
const CLAUSE_END = new RegExp(charClass(COMMAS, SEMICOLONS, COLONS, STOPS, "\n"), "u");

/** The clause of `text` (code points) holding [start, end). */
function clauseAround(points: readonly string[], start: number, end: number): string {
  let from = start;
  while (from > 0 && !CLAUSE_END.test(points[from - 1]!)) from--;
  let to = end;
  while (to < points.length && !CLAUSE_END.test(points[to]!)) to++;
  return points.slice(from, to).join("");
}

export const namesOwnTime = (clause: string) => OWN_TIME.test(clause.replace(COMPARISON, ""));

/** The year a long-range part's heading names: 十三五 → 2020, 到2035年 → 2035; null when it names none. */
function horizonOf(heading: string): number | null {
  const plan = heading.match(/十([一二三四五六七八九])五/u);
  // The 11th five-year plan ran 2006–2010.
  if (plan) return 2010 + 5 * "一二三四五六七八九".indexOf(plan[1]!);
  const year = heading.match(/((?:19|20)\d\d)年/u);
  return year ? Number(year[1]) : null;
}

export interface StructureScore {
  corpus: string;
  files: number;
  reportYear: { correct: number; total: number; wrong: string[] };
  place: { correct: number; total: number; wrong: string[] };
  headline: { found: number; total: number; missed: string[] };
  /** Headline rows found whose indicator code is the gold's (empty for empty). */
  indicator: { agree: number; total: number; wrong: string[] };
  kind: { agree: number; total: number };
  year: { agree: number; total: number };
  /** Rows disagreeing with their part, for reading: file, line, part, kind, year, clause. */
  disagreements: string[];
}

const ratio = (n: number, d: number) => (d === 0 ? "–" : `${((100 * n) / d).toFixed(1)}%`);

/** Scores one corpus (the gold files of one annotator). */
export function scoreStructure(
  corpus: string,
  sections: readonly SectionGold[],
  headline: readonly HeadlineGold[],
  places: ReadonlyMap<string, string>,
  articles: readonly ScoredArticle[],
  targets: readonly Row[],
): StructureScore {
  const files = [...new Set(sections.map((s) => s.file))];
  const byFile = new Map(articles.map((a) => [a.source_file, a]));
  const rowsOf = new Map<string, Row[]>();
  for (const t of targets) rowsOf.set(t.article_id, [...(rowsOf.get(t.article_id) ?? []), t]);
  const score: StructureScore = {
    corpus,
    files: files.length,
    reportYear: { correct: 0, total: 0, wrong: [] },
    place: { correct: 0, total: 0, wrong: [] },
    headline: { found: 0, total: 0, missed: [] },
    indicator: { agree: 0, total: 0, wrong: [] },
    kind: { agree: 0, total: 0 },
    year: { agree: 0, total: 0 },
    disagreements: [],
  };
  for (const file of files) {
    const article = byFile.get(file);
    const parts = sections.filter((s) => s.file === file);
    const reportYear = parts[0]!.report_year;
    score.reportYear.total++;
    score.place.total++;
    const gold = headline.filter((h) => h.file === file);
    score.headline.total += gold.length;
    if (!article) {
      score.reportYear.wrong.push(`${file}: not in the build`);
      score.headline.missed.push(...gold.map((g) => `${file}: ${g.quote} (article not in the build)`));
      continue;
    }
    if (article.report_year === reportYear) score.reportYear.correct++;
    else score.reportYear.wrong.push(`${file}: ${article.report_year} for ${reportYear}`);
    const place = places.get(file);
    if (place !== undefined && article.district_id === place) score.place.correct++;
    else score.place.wrong.push(`${file}: ${article.district_id} for ${place}`);

    const starts = lineStarts(article.raw);
    const partAt = (line: number) => parts.find((p) => p.start_line <= line && line <= p.end_line) ?? null;
    const rows = rowsOf.get(article.article_id) ?? [];
    const used = new Set<Row>();
    for (const g of gold) {
      const spans = occurrences(article.raw, g.quote);
      const inPlan = spans.filter(([s]) => partAt(lineAt(starts, s))?.part === "plan");
      const where = inPlan.length > 0 ? inPlan : spans;
      const match = rows.find(
        (r) =>
          !used.has(r) &&
          where.some(([s, e]) => s <= r.raw_char_start && r.raw_char_end <= e) &&
          sameNumber(r.value, g.value) &&
          sameNumber(r.value_high, g.value_high) &&
          r.unit === g.unit &&
          r.kind === "target" &&
          r.year === g.year,
      );
      if (match) {
        used.add(match);
        score.headline.found++;
        score.indicator.total++;
        if ((match.indicator ?? "") === g.indicator) score.indicator.agree++;
        else score.indicator.wrong.push(`${file}: ${match.metric} → ${match.indicator ?? "–"} for ${g.indicator || "–"}`);
      } else {
        const near = rows.filter((r) => where.some(([s, e]) => s <= r.raw_char_start && r.raw_char_end <= e));
        const seen = near.map((r) => `${r.value} ${r.unit} ${r.kind} ${r.year}`).join("; ") || "nothing extracted there";
        score.headline.missed.push(`${file}: ${g.quote} → want ${g.value} ${g.unit} target ${g.year}; got ${seen}`);
      }
    }

    const points = [...article.text];
    for (const r of rows) {
      const line = lineAt(starts, r.raw_char_start);
      const part = partAt(line);
      if (!part || part.part === "other") continue;
      const clause = clauseAround(points, r.char_start, r.char_end);
      if (namesOwnTime(clause)) continue;
      // 预计 makes an estimate in any part (structure guide), also when it leads the clauses after it.
      const estimate = r.kind === "estimate" && (r.sentence ?? clause).includes("预计");
      const kindOk = estimate || (part.part === "review" ? r.kind === "achievement" : r.kind === "target");
      const wantYear = part.part === "review" ? reportYear - 1 : part.part === "plan" ? reportYear : horizonOf(part.heading);
      score.kind.total++;
      if (kindOk) score.kind.agree++;
      const yearKnown = wantYear !== null;
      if (yearKnown) score.year.total++;
      const yearOk = !yearKnown || r.year === wantYear;
      if (yearKnown && yearOk) score.year.agree++;
      if (!kindOk || !yearOk) score.disagreements.push(`${file}:${line} ${part.part} → ${r.kind} ${r.year ?? "–"} (want ${wantYear ?? "–"}): ${clause}`);
    }
  }
  return score;
}

/** The scores as markdown: one table row per corpus, then what was missed. */
export function formatStructure(scores: readonly StructureScore[], { details = false } = {}): string {
  const lines = [
    "| corpus | files | report year | place | headline recall | indicator agreement | kind agreement | year agreement |",
    "|---|--:|--:|--:|--:|--:|--:|--:|",
  ];
  const sum = (pick: (s: StructureScore) => [number, number]): [number, number] =>
    scores.reduce<[number, number]>(([a, b], s) => [a + pick(s)[0], b + pick(s)[1]], [0, 0]);
  const cells = (pick: (s: StructureScore) => [number, number]) => (s: StructureScore | null) => {
    const [n, d] = s ? pick(s) : sum(pick);
    return `${ratio(n, d)} (${n}/${d})`;
  };
  const cols = [
    cells((s) => [s.reportYear.correct, s.reportYear.total]),
    cells((s) => [s.place.correct, s.place.total]),
    cells((s) => [s.headline.found, s.headline.total]),
    cells((s) => [s.indicator.agree, s.indicator.total]),
    cells((s) => [s.kind.agree, s.kind.total]),
    cells((s) => [s.year.agree, s.year.total]),
  ];
  for (const s of [...scores, null]) {
    lines.push(`| ${s ? s.corpus : "**all**"} | ${s ? s.files : scores.reduce((n, x) => n + x.files, 0)} | ${cols.map((c) => c(s)).join(" | ")} |`);
  }
  for (const s of scores) {
    const wrong = [
      ...s.reportYear.wrong.map((w) => `report year ${w}`),
      ...s.place.wrong.map((w) => `place ${w}`),
      ...s.headline.missed.map((m) => `headline ${m}`),
      ...s.indicator.wrong.map((m) => `indicator ${m}`),
    ];
    if (details) wrong.push(...s.disagreements.map((d) => `part ${d}`));
    if (wrong.length > 0) lines.push("", `Corpus ${s.corpus}:`, ...wrong.map((w) => `- ${w}`));
  }
  return lines.join("\n") + "\n";
}

/**
 * Every corpus of the structure gold folder (sections.<corpus>.csv, headline.<corpus>.csv) scored against a
 * build: its articles, targets and sources tables (the place codes the SOURCES files give) and its normalized articles.
 */
export async function scoreBuildStructure(
  paths: BuildPaths,
  goldDir: string,
  articles: readonly ArticleRow[],
  targets: readonly Row[],
): Promise<StructureScore[]> {
  const corpora = (await readdir(goldDir)).flatMap((name) => name.match(/^sections\.(\w+)\.csv$/u)?.[1] ?? []).sort();
  const places = new Map<string, string>();
  for (const { source_file, place_code } of await readJsonlAll<SourceRow>(paths.extractTable("sources"))) if (place_code) places.set(source_file, place_code);
  // Each text is read with the hash the normalize manifest gives it, as validate and extract read it.
  const sha = new Map((await readJsonlAll<NormalizedEntry>(paths.normalizeManifest)).map((e) => [e.article_id, e.sha256]));
  const scored: ScoredArticle[] = await Promise.all(
    articles.map(async (a) => {
      const recorded = sha.get(a.article_id);
      if (recorded === undefined) throw new PipelineError(`article ${a.article_id} of the articles table is not in ${paths.normalizeManifest}: run extract again (make extract)`);
      const doc = JSON.parse((await readVerified(paths.normalizedArticle(a.article_id), recorded, "normalize")).toString("utf8")) as NormalizedArticle;
      return { article_id: a.article_id, source_file: a.source_file, raw: doc.raw_text, text: doc.text, report_year: a.report_year, district_id: a.district_id };
    }),
  );
  return Promise.all(
    corpora.map(async (c) =>
      scoreStructure(c, await loadCsv(join(goldDir, `sections.${c}.csv`), SectionGold), await loadCsv(join(goldDir, `headline.${c}.csv`), HeadlineGold), places, scored, targets),
    ),
  );
}

export const OutcomeGold = z.object({
  target_file: z.string().min(1),
  indicator: z.string(),
  metric: z.string(),
  target_value: z.string().transform(Number),
  target_value_high: optionalNumber,
  unit: TargetRow.shape.unit,
  comparator: TargetRow.shape.comparator,
  year: int,
  outcome_file: z.string().min(1),
  outcome_value: optionalNumber,
  outcome_quote: z.string(),
});
export type OutcomeGold = z.infer<typeof OutcomeGold>;

export interface OutcomeScore {
  /** Gold rows with an outcome value, and how many of them are linked with that value. */
  linked: { right: number; total: number; wrong: string[] };
  /** Gold rows without one (the later report states none), and how many have a link anyway. */
  unlinked: { spurious: number; total: number; wrong: string[] };
}

type Link = { target_id: string; outcome_value: number; outcome_article_id: string };

/** Outcome links against the gold: each gold row's target is found by file, year, unit and value among the targets. */
export function scoreOutcomes(gold: readonly OutcomeGold[], links: readonly Link[], targets: readonly (Row & { target_id: string })[], files: ReadonlyMap<string, string>): OutcomeScore {
  const score: OutcomeScore = { linked: { right: 0, total: 0, wrong: [] }, unlinked: { spurious: 0, total: 0, wrong: [] } };
  const linkOf = new Map(links.map((l) => [l.target_id, l]));
  for (const g of gold) {
    const candidates = targets.filter(
      (t) => files.get(t.article_id) === g.target_file && t.kind === "target" && t.year === g.year && t.unit === g.unit && sameNumber(t.value, g.target_value) && (t.indicator ?? "") === g.indicator,
    );
    const link = candidates.map((t) => linkOf.get(t.target_id)).find((l) => l !== undefined);
    const what = `${g.target_file} ${g.year} ${g.indicator} ${g.target_value} ${g.unit}`;
    if (g.outcome_value === null) {
      score.unlinked.total++;
      if (link) {
        score.unlinked.spurious++;
        score.unlinked.wrong.push(`${what}: linked to ${link.outcome_value}, gold has none`);
      }
      continue;
    }
    score.linked.total++;
    if (link && sameNumber(link.outcome_value, g.outcome_value) && files.get(link.outcome_article_id) === g.outcome_file) score.linked.right++;
    else score.linked.wrong.push(`${what}: want ${g.outcome_value} (${g.outcome_quote}), got ${link ? link.outcome_value : candidates.length === 0 ? "no such target" : "no link"}`);
  }
  return score;
}

export function formatOutcomes(score: OutcomeScore): string {
  const { linked, unlinked } = score;
  return [
    "| gold outcomes with a value, linked right | gold outcomes without one, linked anyway |",
    "|--:|--:|",
    `| ${ratio(linked.right, linked.total)} (${linked.right}/${linked.total}) | ${unlinked.spurious}/${unlinked.total} |`,
    ...[...linked.wrong, ...unlinked.wrong].map((w) => `- ${w}`),
  ].join("\n") + "\n";
}
