import type { HeadlineTargetRow } from "../../schemas/headline-targets.ts";
import { indicatorCodebook } from "../../schemas/indicators.ts";
import type { TargetOutcomeRow } from "../../schemas/target-outcomes.ts";
import type { TargetRow } from "../../schemas/targets.ts";
import { dropBinaryNoise } from "../lib/numbers.ts";

/** An achievement row as outcome linking needs it, with its article's report year. */
export type Achievement = Pick<TargetRow, "target_id" | "article_id" | "district_id" | "indicator" | "unit" | "year" | "value" | "direction" | "base_year" | "time_phrase" | "sentence"> & {
  report_year: number | null;
};

/**
 * An achievement that can be a target's outcome: a change over the year before (no base, or 比上年), never over a
 * span (比2002年增长65.5%); a decrease for a decrease target, and no decrease for a growth target.
 */
function fits(target: HeadlineTargetRow, a: Achievement): boolean {
  if (a.base_year !== null && a.base_year !== target.year - 1) return false;
  if (target.direction === "decrease") return a.direction === "decrease";
  return target.direction !== "increase" || a.direction !== "decrease";
}

/** A statement that names its own year (2012年, 去年) before one whose year comes from its part. */
const namesItsYear = (a: Achievement) => (a.time_phrase !== null && a.sentence.includes(a.time_phrase) ? 0 : 1);

/** How far below an approx (左右) target an outcome may fall and still be undecided: 0.5 percentage points, else 2%. */
export const APPROX_TOLERANCE = { percent_points: 0.5, relative: 0.02 };

const better = new Map(indicatorCodebook.map((e) => [e.indicator, e.better]));

/**
 * Whether the outcome meets the target, in the direction that is better for the indicator (for a decrease target,
 * a larger decrease): at or beyond the target is met; short of it is not, unless the target was approx (左右) and
 * the outcome falls short by no more than the tolerance, which no comparator can decide (null).
 */
export function judgeOutcome(target: Pick<HeadlineTargetRow, "indicator" | "unit" | "value" | "value_high" | "comparator" | "direction">, outcome: number): boolean | null {
  const lowerIsBetter = (better.get(target.indicator) === "lower") !== (target.direction === "decrease");
  // A range is met once its near end is reached (6%-6.5% growth: 6%); a ceiling's far end for lower-is-better.
  const bound = lowerIsBetter ? (target.value_high ?? target.value) : target.value;
  const shortfall = lowerIsBetter ? outcome - bound : bound - outcome;
  if (shortfall <= 0) return true;
  const tolerance = target.unit === "percent" ? APPROX_TOLERANCE.percent_points : APPROX_TOLERANCE.relative * Math.abs(bound);
  return target.comparator === "approx" && shortfall <= tolerance ? null : false;
}

const outcomeKey = (r: { district_id: string | null; indicator: string | null; unit: string; year: number | null }) => JSON.stringify([r.district_id, r.indicator, r.unit, r.year]);

/**
 * Each headline target for year Y linked to the achievement the next later report of the same place states for
 * Y, with the same indicator and unit, measured as the target is: its statement naming the year, else its first. Nothing is linked without both sides. Pure:
 * `reportYears` gives each article's report year.
 */
export function linkOutcomes(panel: readonly HeadlineTargetRow[], achievements: readonly Achievement[], reportYears: ReadonlyMap<string, number | null>): TargetOutcomeRow[] {
  const byKey = new Map<string, Achievement[]>();
  for (const a of achievements) byKey.set(outcomeKey(a), [...(byKey.get(outcomeKey(a)) ?? []), a]);
  const links: TargetOutcomeRow[] = [];
  for (const t of panel) {
    const targetYear = reportYears.get(t.article_id) ?? null;
    if (targetYear === null) continue;
    const later = (byKey.get(outcomeKey(t)) ?? []).filter((a) => a.report_year !== null && a.report_year > targetYear && fits(t, a));
    // The earliest later report; within it, a statement naming the year, then the first (the stable sort keeps text order).
    const outcome = later.sort((a, b) => a.report_year! - b.report_year! || namesItsYear(a) - namesItsYear(b))[0];
    if (!outcome) continue;
    links.push({
      target_id: t.target_id,
      outcome_target_id: outcome.target_id,
      district_id: t.district_id,
      indicator: t.indicator,
      unit: t.unit,
      year: t.year,
      target_value: t.value,
      target_value_high: t.value_high,
      comparator: t.comparator,
      outcome_value: outcome.value,
      met: judgeOutcome(t, outcome.value),
      gap: dropBinaryNoise(outcome.value - t.value),
      target_article_id: t.article_id,
      target_report_year: targetYear,
      outcome_article_id: outcome.article_id,
      outcome_report_year: outcome.report_year!,
    });
  }
  return links;
}
