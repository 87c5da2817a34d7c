import { describe, expect, it } from "vitest";
import type { ArticleRow } from "../../schemas/articles.ts";
import type { HeadlineTargetRow } from "../../schemas/headline-targets.ts";
import { indicatorCodebook } from "../../schemas/indicators.ts";
import type { TargetOutcomeRow } from "../../schemas/target-outcomes.ts";
import type { TargetRow } from "../../schemas/targets.ts";
import { headlineRows } from "../../pipeline/indicators/headline-panel.ts";
import { judgeOutcome } from "../../pipeline/indicators/link-outcomes.ts";
import { matchIndicator } from "../../pipeline/indicators/match-indicator.ts";
import { readJsonlAll } from "../../pipeline/lib/files.ts";
import { buildPaths, goldFiles } from "../../pipeline/lib/paths.ts";
import { loadCsv, OutcomeGold, scoreOutcomes } from "../../pipeline/eval/evaluate-structure.ts";
import { extractArticle } from "../../pipeline/stages/extract-article.ts";
import { articleOf, sharedBuild } from "../helpers.ts";

const tables = async () => {
  const paths = buildPaths(await sharedBuild());
  const [articles, targets, panel, outcomes] = await Promise.all([
    readJsonlAll<ArticleRow>(paths.extractTable("articles")),
    readJsonlAll<TargetRow>(paths.extractTable("targets")),
    readJsonlAll<HeadlineTargetRow>(paths.extractTable("headline_targets")),
    readJsonlAll<TargetOutcomeRow>(paths.extractTable("target_outcomes")),
  ]);
  return { articles, targets, panel, outcomes, file: new Map(articles.map((a) => [a.article_id, a.source_file])) };
};

describe("indicators from metrics, by rules kept as data", () => {
  it.each([
    ["地区生产总值", "percent", "gdp"],
    ["全市生产总值", "percent", "gdp"],
    ["经济增长", "percent", "gdp"],
    ["人均地区生产总值", "CNY", "gdp_per_capita"],
    ["单位地区生产总值能耗", "percent", "energy_intensity"],
    ["城镇居民人均可支配收入", "percent", "urban_income"],
    ["农民人均纯收入", "CNY", "rural_income"],
    ["居民人均可支配收入", "percent", "resident_income"],
    ["居民消费价格指数", "index", "cpi"],
    ["全社会研发经费占地区生产总值比重", "percent", "rd_intensity"],
    ["城镇新增就业", "person", "urban_jobs"],
    ["外贸进出口总额", "percent", "foreign_trade"],
  ])("%s (%s) → %s", (metric, unit, code) => expect(matchIndicator(metric, unit)?.indicator).toBe(code));

  it.each([
    ["粮食播种面积", "mu"],
    ["规上工业增加值占地区生产总值比重", "percent"],
    ["高新技术产业产值", "percent"],
    ["新增学位", "count"],
    // A unit the code does not take: a count of GDP is no GDP.
    ["地区生产总值", "count"],
  ])("%s (%s) → no indicator", (metric, unit) => expect(matchIndicator(metric, unit)).toBeNull());

  it("publishes the 31 codes of the codebook, each once", async () => {
    const codes = indicatorCodebook.map((e) => e.indicator);
    expect(new Set(codes).size).toBe(31);
    expect(codes).toEqual(expect.arrayContaining(["gdp", "cpi", "urban_jobs", "unemployment_rate", "pm25", "population"]));
  });
});

describe("one row per stated target", () => {
  it("folds a restatement into the first statement, keeping its span", () => {
    const doc = articleOf("区政府工作报告\n\n二、2024年工作安排\n\n主要预期目标是：地区生产总值增长5%左右，新建学校5所。\n\n经济增长预期目标为5%左右，主要考虑了稳就业的需要。");
    const { rows } = extractArticle(doc);
    const gdp = rows.targets.filter((r) => r.indicator === "gdp");
    expect(gdp).toHaveLength(1);
    expect([gdp[0]!.metric, gdp[0]!.headline, gdp[0]!.restated_spans]).toEqual(["地区生产总值", true, [expect.stringMatching(/^\d+-\d+$/u)]]);
    const [start, end] = gdp[0]!.restated_spans![0]!.split("-").map(Number) as [number, number];
    expect([...doc.text].slice(start, end).join("")).toBe("5%");
  });

  it("keeps two rows that share one quantity (均 hands 5.5% to two metrics)", () => {
    const { rows } = extractArticle(articleOf("区政府工作报告\n\n一般公共预算总收入、地方一般公共预算收入均增长5.5%左右。"));
    expect(rows.targets.map((r) => [r.metric, r.indicator])).toEqual([["一般公共预算总收入", "fiscal_revenue"], ["地方一般公共预算收入", "fiscal_revenue"]]);
  });

  it("no article of the release states one target twice (same indicator, kind, year, value and unit)", async () => {
    const { targets } = await tables();
    // Rows sharing a fact may only share one quantity too (均 hands it to two metrics): two quantities are a restatement.
    const quantitiesOf = new Map<string, Set<number>>();
    for (const r of targets.filter((t) => t.indicator !== null)) {
      const fact = JSON.stringify([r.article_id, r.indicator, r.kind, r.year, r.value, r.value_high, r.unit]);
      quantitiesOf.set(fact, (quantitiesOf.get(fact) ?? new Set()).add(r.char_start));
    }
    expect(quantitiesOf.size).toBeGreaterThan(300);
    expect([...quantitiesOf].filter(([, quantities]) => quantities.size > 1)).toEqual([]);
    expect(targets.filter((r) => r.restated_spans !== null).length).toBeGreaterThan(5);
  });
});

describe("the headline panel", () => {
  it("holds one row per place, year, indicator and unit, each the headline target behind it", async () => {
    const { panel, targets, file } = await tables();
    const keys = panel.map((r) => JSON.stringify([r.district_id, r.year, r.indicator, r.unit]));
    expect(new Set(keys).size).toBe(keys.length);
    const byId = new Map(targets.map((t) => [t.target_id, t]));
    for (const row of panel) expect(byId.get(row.target_id)).toMatchObject({ headline: true, kind: "target", indicator: row.indicator, year: row.year, value: row.value });
    const sanyaGdp = panel.find((r) => file.get(r.article_id) === "sanya_2024_gov_report.txt" && r.indicator === "gdp")!;
    expect(sanyaGdp).toMatchObject({ district_id: "460200", year: 2024, value: 8, unit: "percent", comparator: "approx", direction: "increase" });
    // Every city report of 2024 sets a GDP growth target in its headline paragraph.
    expect(panel.filter((r) => r.year === 2024 && r.indicator === "gdp" && r.unit === "percent")).toHaveLength(20);
  });

  it("keeps the row of the code's own series when two headline rows share a key", () => {
    const row = (metric: string, target_id: string) =>
      ({ target_id, article_id: "a", district_id: "350200", kind: "target", headline: true, indicator: "fiscal_revenue", year: 2024, unit: "percent", value: 5.5, value_high: null, comparator: "approx", direction: "increase", metric }) as TargetRow;
    expect(headlineRows([row("一般公共预算总收入", "t1"), row("地方一般公共预算收入", "t2")]).map((r) => r.target_id)).toEqual(["t2"]);
  });
});

describe("target outcomes", () => {
  it("decides met in the indicator's better direction, and leaves an approx miss within the tolerance undecided", () => {
    const gdp = { indicator: "gdp", unit: "percent", value: 8, value_high: null, direction: "increase" } as const;
    expect(judgeOutcome({ ...gdp, comparator: "approx" }, 8.9)).toBe(true);
    expect(judgeOutcome({ ...gdp, comparator: "approx" }, 7.7)).toBeNull();
    expect(judgeOutcome({ ...gdp, comparator: "approx" }, 7.4)).toBe(false);
    expect(judgeOutcome({ ...gdp, comparator: "eq", value: 21 }, 18.5)).toBe(false);
    const cpi = { indicator: "cpi", unit: "percent", value: 3, value_high: null, direction: "level" } as const;
    expect(judgeOutcome({ ...cpi, comparator: "lte" }, 2.6)).toBe(true);
    expect(judgeOutcome({ ...cpi, comparator: "lte" }, 4.8)).toBe(false);
    // A decrease target of a lower-is-better level is met by a larger decrease.
    expect(judgeOutcome({ indicator: "energy_intensity", unit: "percent", value: 4, value_high: null, direction: "decrease", comparator: "approx" }, 1.2)).toBe(false);
  });

  it("links at least 0.9 of the gold outcomes that have a value with that value, and none where the gold has none", async () => {
    const { targets, outcomes, file } = await tables();
    const gold = await loadCsv(goldFiles.outcomes, OutcomeGold);
    const score = scoreOutcomes(gold, outcomes, targets, file);
    expect(score.linked.total).toBe(50);
    expect(score.linked.right / score.linked.total, score.linked.wrong.join("\n")).toBeGreaterThanOrEqual(0.9);
    expect(score.unlinked).toMatchObject({ total: 15, spurious: 0 });
  });

  it("links only later reports of the same place, for the target's year", async () => {
    const { outcomes } = await tables();
    expect(outcomes.length).toBeGreaterThan(40);
    for (const o of outcomes) expect(o.outcome_report_year).toBeGreaterThan(o.target_report_year);
    const hailarGdp = outcomes.find((o) => o.district_id === "150702" && o.year === 2012 && o.indicator === "gdp" && o.unit === "percent")!;
    expect(hailarGdp).toMatchObject({ target_value: 21, outcome_value: 18.5, met: false, gap: -2.5 });
  });
});
