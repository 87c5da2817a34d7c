import type { ArticleRow } from "../../schemas/articles.ts";
import type { DistrictThemeRow } from "../../schemas/district-themes.ts";
import type { DistrictRow } from "../../schemas/districts.ts";
import type { HeadlineTargetRow } from "../../schemas/headline-targets.ts";
import type { IndicatorRow } from "../../schemas/indicators.ts";
import type { TargetOutcomeRow } from "../../schemas/target-outcomes.ts";
import type { ThemeCodebookRow } from "../../schemas/theme-codebook.ts";
import { packRows, type PackedTable } from "./packed-table.ts";
import { placeShard, type SourceTarget } from "./place-shard.ts";
import type { TargetSummary } from "./release-database.ts";

/** The columns the site reads of each table: a big release is read column by column, not row objects whole. */
export const SOURCE_COLUMNS = {
  articles: ["article_id", "title", "report_year", "district_id"],
  districts: ["district_id", "name", "level", "city", "province", "article_count"],
  district_themes: ["district_id", "theme_code", "weight", "rank"],
  headline_targets: ["district_id", "year", "unit", "value", "value_high", "comparator", "direction", "metric", "target_id", "indicator"],
  target_outcomes: ["target_id", "outcome_value", "met", "gap"],
} as const satisfies {
  articles: readonly (keyof ArticleRow)[];
  districts: readonly (keyof DistrictRow)[];
  district_themes: readonly (keyof DistrictThemeRow)[];
  headline_targets: readonly (keyof HeadlineTargetRow)[];
  target_outcomes: readonly (keyof TargetOutcomeRow)[];
};
type Source<T, K extends keyof typeof SOURCE_COLUMNS> = Pick<T, Extract<(typeof SOURCE_COLUMNS)[K][number], keyof T>>;

export interface ReleaseTables {
  release: { name: string; title: string; version: string };
  articles: readonly Source<ArticleRow, "articles">[];
  districts: readonly Source<DistrictRow, "districts">[];
  indicators: readonly IndicatorRow[];
  themeCodebook: readonly ThemeCodebookRow[];
  districtThemes: readonly Source<DistrictThemeRow, "district_themes">[];
  headline: readonly Source<HeadlineTargetRow, "headline_targets">[];
  outcomes: readonly Source<TargetOutcomeRow, "target_outcomes">[];
  targets: { summary: TargetSummary; ofPlace(districtId: string): SourceTarget[] };
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

/**
 * Every data file of the site, by path under the site folder, in a fixed order, one at a time (a big release's
 * place shards do not fit in memory together); rows keep the release's order.
 */
export function* siteData(t: ReleaseTables): Generator<[string, unknown]> {
  for (const d of t.districts) if (!SAFE_ID.test(d.district_id)) throw new Error(`district_id ${JSON.stringify(d.district_id)} cannot name a shard file`);
  for (const i of t.indicators) if (!SAFE_ID.test(i.indicator)) throw new Error(`indicator ${JSON.stringify(i.indicator)} cannot name a shard file`);

  const headlineByIndicator = groupBy(t.headline, (r) => r.indicator);
  const headlineCounts = countBy(t.headline, (r) => r.district_id);
  const themesByPlace = groupBy(t.districtThemes, (r) => r.district_id);
  const outcomes = new Map(t.outcomes.map((o) => [o.target_id, o]));
  const articles = new Map(t.articles.map((a) => [a.article_id, { article_id: a.article_id, title: a.title, report_year: a.report_year }]));
  const { summary } = t.targets;
  const years = new Set([...t.headline.map((r) => r.year), ...summary.years]);

  const release: ReleaseEntry = {
    ...t.release,
    counts: {
      articles: t.articles.length,
      districts: t.districts.length,
      targets: summary.count,
      headline_targets: t.headline.length,
      targets_without_place: summary.withoutPlace,
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
    target_count: summary.byPlace.get(d.district_id) ?? 0,
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

  yield ["data/release.json", release];
  yield ["data/places.json", places];
  yield ["data/indicators.json", indicators];
  yield ["data/themes.json", themes];
  for (const { indicator } of indicators) {
    const rows = headlineByIndicator.get(indicator)!.map((r): HeadlineEntry => {
      const o = outcomes.get(r.target_id);
      return { ...r, outcome_value: o?.outcome_value ?? null, met: o?.met ?? null, gap: o?.gap ?? null };
    });
    yield [`data/headline/${indicator}.json`, packRows(rows, HEADLINE_COLUMNS) satisfies PackedTable<HeadlineEntry>];
  }
  for (const d of t.districts) {
    yield [`data/place/${d.district_id}.json`, placeShard(d.district_id, themesByPlace.get(d.district_id) ?? [], t.targets.ofPlace(d.district_id), articles)];
  }
}
