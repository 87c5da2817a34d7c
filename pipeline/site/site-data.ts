import type { DistrictThemeRow } from "../../schemas/district-themes.ts";
import type { DistrictRow } from "../../schemas/districts.ts";
import type { HeadlineTargetRow } from "../../schemas/headline-targets.ts";
import type { IndicatorRow } from "../../schemas/indicators.ts";
import type { TargetOutcomeRow } from "../../schemas/target-outcomes.ts";
import type { ThemeCodebookRow } from "../../schemas/theme-codebook.ts";
import { packRows, type PackedTable } from "./packed-table.ts";
import { placeShard, type ShardArticle, type SourceTarget } from "./place-shard.ts";

export interface ReleaseTables {
  release: { name: string; title: string; version: string };
  articles: readonly (ShardArticle & { district_id: string | null })[];
  districts: readonly DistrictRow[];
  indicators: readonly IndicatorRow[];
  themeCodebook: readonly ThemeCodebookRow[];
  districtThemes: readonly DistrictThemeRow[];
  headline: readonly HeadlineTargetRow[];
  outcomes: readonly TargetOutcomeRow[];
  targets: readonly SourceTarget[];
}

/** data/release.json: what the page needs before any choice. */
export interface ReleaseEntry {
  name: string;
  title: string;
  version: string;
  counts: { articles: number; districts: number; targets: number; headline_targets: number; targets_without_place: number };
  /** Every year a headline target or a target names, ascending. */
  years: number[];
}

/** data/places.json */
export type PlaceEntry = Pick<DistrictRow, "district_id" | "name" | "level" | "city" | "province" | "article_count"> & {
  target_count: number;
  headline_count: number;
  top_theme: string | null;
};

/** data/indicators.json: the indicators that have headline targets, with their units by row count. */
export type IndicatorEntry = Pick<IndicatorRow, "indicator" | "label_zh" | "label_en" | "better"> & {
  units: { unit: string; rows: number }[];
};

export type ThemeEntry = Pick<ThemeCodebookRow, "theme_code" | "label_zh" | "label_en">;

/** A row of data/headline/<indicator>.json: the panel row with the outcome a later report states, if any. */
export type HeadlineEntry = Pick<
  HeadlineTargetRow,
  "district_id" | "year" | "unit" | "value" | "value_high" | "comparator" | "direction" | "metric" | "target_id"
> & {
  /** From target_outcomes; null where no later report states the result. */
  outcome_value: number | null;
  met: boolean | null;
  gap: number | null;
};

const HEADLINE_COLUMNS = [
  "district_id", "year", "unit", "value", "value_high", "comparator", "direction", "metric", "target_id", "outcome_value", "met", "gap",
] as const satisfies readonly (keyof HeadlineEntry)[];

/** Ids become file names. */
const SAFE_ID = /^[0-9A-Za-z_-]+$/;

const countBy = <T>(rows: readonly T[], key: (row: T) => string | null) => {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const k = key(row);
    if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
};

const groupBy = <T>(rows: readonly T[], key: (row: T) => string | null) => {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
};

/** Every data file of the site, by path under the site folder, in a fixed order; rows keep the release's order. */
export function siteData(t: ReleaseTables): Map<string, unknown> {
  for (const d of t.districts) if (!SAFE_ID.test(d.district_id)) throw new Error(`district_id ${JSON.stringify(d.district_id)} cannot name a shard file`);
  for (const i of t.indicators) if (!SAFE_ID.test(i.indicator)) throw new Error(`indicator ${JSON.stringify(i.indicator)} cannot name a shard file`);

  const targetsByPlace = groupBy(t.targets, (r) => r.district_id);
  const headlineByIndicator = groupBy(t.headline, (r) => r.indicator);
  const headlineCounts = countBy(t.headline, (r) => r.district_id);
  const themesByPlace = groupBy(t.districtThemes, (r) => r.district_id);
  const outcomes = new Map(t.outcomes.map((o) => [o.target_id, o]));
  const articles = new Map(t.articles.map((a) => [a.article_id, { article_id: a.article_id, title: a.title, report_year: a.report_year }]));
  const years = new Set([...t.headline.map((r) => r.year), ...t.targets.flatMap((r) => (r.year === null ? [] : [r.year]))]);

  const release: ReleaseEntry = {
    ...t.release,
    counts: {
      articles: t.articles.length,
      districts: t.districts.length,
      targets: t.targets.length,
      headline_targets: t.headline.length,
      targets_without_place: t.targets.filter((r) => r.district_id === null).length,
    },
    years: [...years].sort((a, b) => a - b),
  };
  const places: PlaceEntry[] = t.districts.map((d) => ({
    district_id: d.district_id,
    name: d.name,
    level: d.level,
    city: d.city,
    province: d.province,
    article_count: d.article_count,
    target_count: targetsByPlace.get(d.district_id)?.length ?? 0,
    headline_count: headlineCounts.get(d.district_id) ?? 0,
    top_theme: themesByPlace.get(d.district_id)?.find((r) => r.rank === 1)?.theme_code ?? null,
  }));
  const indicators: IndicatorEntry[] = t.indicators.flatMap((i) => {
    const rows = headlineByIndicator.get(i.indicator);
    if (!rows) return [];
    const units = [...countBy(rows, (r) => r.unit)].map(([unit, n]) => ({ unit, rows: n }));
    units.sort((a, b) => b.rows - a.rows || (a.unit < b.unit ? -1 : 1));
    return [{ indicator: i.indicator, label_zh: i.label_zh, label_en: i.label_en, better: i.better, units }];
  });
  const themes: ThemeEntry[] = t.themeCodebook.map(({ theme_code, label_zh, label_en }) => ({ theme_code, label_zh, label_en }));

  const files = new Map<string, unknown>([
    ["data/release.json", release],
    ["data/places.json", places],
    ["data/indicators.json", indicators],
    ["data/themes.json", themes],
  ]);
  for (const { indicator } of indicators) {
    const rows = headlineByIndicator.get(indicator)!.map((r): HeadlineEntry => {
      const o = outcomes.get(r.target_id);
      return { ...r, outcome_value: o?.outcome_value ?? null, met: o?.met ?? null, gap: o?.gap ?? null };
    });
    files.set(`data/headline/${indicator}.json`, packRows(rows, HEADLINE_COLUMNS) satisfies PackedTable<HeadlineEntry>);
  }
  for (const d of t.districts) {
    files.set(`data/place/${d.district_id}.json`, placeShard(d.district_id, themesByPlace.get(d.district_id) ?? [], targetsByPlace.get(d.district_id) ?? [], articles));
  }
  return files;
}
