import { describe, expect, it } from "vitest";
import { readJsonlAll } from "../../pipeline/lib/files.ts";
import { buildPaths, goldFiles } from "../../pipeline/lib/paths.ts";
import { evaluate, formatReport, loadGold, metricSimilarity, type GoldRow } from "../../pipeline/eval/evaluate-targets.ts";
import type { ArticleRow } from "../../schemas/articles.ts";
import type { TargetRow } from "../../schemas/targets.ts";
import { formatStructure, scoreBuildStructure, type StructureScore } from "../../pipeline/eval/evaluate-structure.ts";
import { sharedBuild } from "../helpers.ts";

const goldPath = goldFiles.targets;

const gold = (over: Partial<GoldRow>): GoldRow => ({
  file: "a.txt",
  kind: "target",
  metric: "优质学位",
  value: 19000,
  value_high: null,
  unit: "count",
  measure_word: "个",
  comparator: "eq",
  direction: "increase",
  time_phrase: "今年",
  year: null,
  required: "yes",
  quote: "",
  ...over,
});

const predicted = (over: Partial<TargetRow>) => ({
  article_id: "a1",
  kind: "target" as const,
  metric: "优质学位",
  value: 19000,
  value_high: null,
  unit: "count" as const,
  comparator: "eq" as const,
  direction: "increase" as const,
  time_phrase: "今年",
  year: null,
  ...over,
});

const articles = [{ article_id: "a1", source_file: "a.txt" }];

describe("evaluate", () => {
  it("matches on article, value, value_high and unit, and scores the other fields on matches", () => {
    const report = evaluate(
      [gold({}), gold({ value: 100, kind: "achievement", direction: "level" })],
      [predicted({}), predicted({ value: 100, kind: "target", direction: "level" }), predicted({ value: 7 })],
      articles,
    );
    expect(report.overall).toMatchObject({ tp: 2, fp: 1, fn: 0 });
    expect(report.overall.precision).toBeCloseTo(2 / 3);
    expect(report.fields.kind).toEqual({ correct: 1, matched: 2, accuracy: 0.5 });
    expect(report.fields.direction!.accuracy).toBe(1);
  });

  it("a value in another unit or article, or a missing bound, is no match", () => {
    const report = evaluate(
      [gold({ value: 6, value_high: 6.5, unit: "percent" })],
      [predicted({ value: 6, unit: "percent" }), predicted({ value: 6, value_high: 6.5, unit: "count" })],
      articles,
    );
    expect(report.overall).toMatchObject({ tp: 0, fp: 2, fn: 1, f1: 0 });
  });

  it("optional gold rows count neither way", () => {
    const rows = [gold({ required: "optional", value: 8, unit: "year" })];
    expect(evaluate(rows, [predicted({ value: 8, unit: "year" })], articles).overall).toMatchObject({ tp: 0, fp: 0, fn: 0 });
    expect(evaluate(rows, [], articles).overall).toMatchObject({ tp: 0, fp: 0, fn: 0 });
  });

  it("each gold row takes one extracted row, the one agreeing on most fields", () => {
    const report = evaluate(
      [gold({ value: 100, kind: "achievement" }), gold({ value: 100, kind: "target" })],
      [predicted({ value: 100, kind: "target" }), predicted({ value: 100, kind: "achievement" }), predicted({ value: 100 })],
      articles,
    );
    expect(report.overall).toMatchObject({ tp: 2, fp: 1 });
    expect(report.fields.kind!.accuracy).toBe(1);
  });

  it("ignores gold rows of articles that are not in the build", () => {
    expect(evaluate([gold({ file: "other.txt" })], [], articles).overall).toMatchObject({ tp: 0, fn: 0 });
  });

  it("metric similarity is the Dice coefficient of character bigrams", () => {
    expect(metricSimilarity("优质学位", "优质学位")).toBe(1);
    expect(metricSimilarity("断头路建设", "断头路建设里程")).toBeCloseTo(8 / 10);
    expect(metricSimilarity("优质学位", "常住人口")).toBe(0);
  });

  it("formats a markdown report with every field", () => {
    const text = formatReport(evaluate([gold({})], [predicted({})], articles));
    expect(text).toContain("| 100.0% | 100.0% | 100.0% | 1 | 0 | 0 |");
    for (const field of ["kind", "value", "unit", "comparator", "direction", "year"]) expect(text).toContain(`| ${field} |`);
  });
});

describe("targets of the five articles against the gold file", () => {
  it("F1 on required rows stays at or above 0.90", async () => {
    const paths = buildPaths(await sharedBuild());
    const [rows, targets, articleRows] = await Promise.all([
      loadGold(goldPath),
      readJsonlAll<TargetRow>(paths.extractTable("targets")),
      readJsonlAll<{ article_id: string; source_file: string }>(paths.extractTable("articles")),
    ]);
    expect(rows.length).toBeGreaterThan(30);
    const report = evaluate(rows, targets, articleRows);
    expect(report.overall.f1, formatReport(report)).toBeGreaterThanOrEqual(0.9);
  });
});

describe("the structure of the corpus against its gold (structure guide)", () => {
  it("report year and place of every text, every headline target, and kind and year of the rows by their parts", async () => {
    const dirs = await sharedBuild();
    const paths = buildPaths(dirs);
    const [articles, targets] = await Promise.all([
      readJsonlAll<ArticleRow>(paths.extractTable("articles")),
      readJsonlAll<TargetRow>(paths.extractTable("targets")),
    ]);
    const scores = await scoreBuildStructure(paths, goldFiles.structure, articles, targets);
    expect(scores.map((s) => s.corpus)).toEqual(["A", "B", "C"]);
    const total = (pick: (s: StructureScore) => { n: number; d: number }) => scores.reduce((t, s) => ({ n: t.n + pick(s).n, d: t.d + pick(s).d }), { n: 0, d: 0 });
    const report = formatStructure(scores);
    const years = total((s) => ({ n: s.reportYear.correct, d: s.reportYear.total }));
    const places = total((s) => ({ n: s.place.correct, d: s.place.total }));
    expect([years, places], report).toEqual([{ n: 33, d: 33 }, { n: 33, d: 33 }]);
    const headline = total((s) => ({ n: s.headline.found, d: s.headline.total }));
    expect(headline.d).toBe(227);
    expect(headline.n / headline.d, report).toBeGreaterThanOrEqual(0.95);
    const kind = total((s) => ({ n: s.kind.agree, d: s.kind.total }));
    const year = total((s) => ({ n: s.year.agree, d: s.year.total }));
    expect(kind.d).toBeGreaterThan(5000);
    expect(kind.n / kind.d, report).toBeGreaterThanOrEqual(0.97);
    expect(year.n / year.d, report).toBeGreaterThanOrEqual(0.97);
  });
});
