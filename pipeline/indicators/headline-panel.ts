import type { HeadlineTargetRow } from "../../schemas/headline-targets.ts";
import type { TargetRow } from "../../schemas/targets.ts";
import { matchIndicator } from "./match-indicator.ts";

const panelKey = (r: Pick<HeadlineTargetRow, "district_id" | "year" | "indicator" | "unit">) => JSON.stringify([r.district_id, r.year, r.indicator, r.unit]);

/**
 * An article's rows of the headline panel: its headline targets with a place, a year and an indicator. Two rows
 * on one key (一般公共预算总收入 and 地方一般公共预算收入 both fiscal_revenue) leave the panel the one whose metric
 * names the code's own series (the earlier alias), then the first stated. Pure.
 */
export function headlineRows(rows: readonly TargetRow[]): HeadlineTargetRow[] {
  const best = new Map<string, { row: HeadlineTargetRow; rank: number }>();
  for (const r of rows) {
    if (!r.headline || r.kind !== "target" || r.indicator === null || r.year === null || r.district_id === null) continue;
    const row: HeadlineTargetRow = {
      district_id: r.district_id,
      year: r.year,
      indicator: r.indicator,
      unit: r.unit,
      value: r.value,
      value_high: r.value_high,
      comparator: r.comparator,
      direction: r.direction,
      metric: r.metric,
      target_id: r.target_id,
      article_id: r.article_id,
    };
    const rank = matchIndicator(r.metric, r.unit)?.rank ?? Number.POSITIVE_INFINITY;
    const key = panelKey(row);
    const held = best.get(key);
    if (!held || rank < held.rank) best.set(key, { row, rank });
  }
  return [...best.values()].map((b) => b.row);
}

/** The panel over articles in manifest order: a key a later article repeats keeps the first article's row. */
export function mergePanel(perArticle: Iterable<readonly HeadlineTargetRow[]>): HeadlineTargetRow[] {
  const panel = new Map<string, HeadlineTargetRow>();
  for (const rows of perArticle) for (const row of rows) if (!panel.has(panelKey(row))) panel.set(panelKey(row), row);
  return [...panel.values()].sort((a, b) => a.district_id.localeCompare(b.district_id) || a.year - b.year || a.indicator.localeCompare(b.indicator) || a.unit.localeCompare(b.unit));
}
