import { indicatorCodebook, type IndicatorCode } from "../../schemas/indicators.ts";
import type { UnitCode } from "../../schemas/units.ts";

/** A metric that names a share of something (规上工业增加值占地区生产总值比重): only a share indicator fits it. */
const SHARE = /占.*(?:比重|比例)|相当于.*(?:比例|比重)|比重|占比/u;

interface Alias {
  alias: string;
  indicator: IndicatorCode;
  /** Position of the alias in its entry: 0 names the code's own series. */
  rank: number;
  units: ReadonlySet<UnitCode>;
  not: readonly string[];
  share: boolean;
}

/** Every alias of the codebook, longest first, so the longest one a metric contains is met first. */
const ALIASES: readonly Alias[] = indicatorCodebook
  .flatMap((e) => e.aliases.map((alias, rank) => ({ alias, indicator: e.indicator, rank, units: new Set(e.units), not: e.not ?? [], share: e.share ?? false })))
  .sort((a, b) => b.alias.length - a.alias.length || a.indicator.localeCompare(b.indicator));

export interface IndicatorMatch {
  indicator: IndicatorCode;
  /** The alias's position in its entry (0: the code's own series), which settles two rows sharing a code. */
  rank: number;
}

/**
 * The indicator a metric measures: the code of the longest alias it contains, when the row's unit is one of the
 * code's units, the metric holds none of its not words, and a metric naming a share meets a code that is one
 * (研发经费占地区生产总值比重 is rd_intensity, 规上工业增加值占地区生产总值比重 nothing). Pure.
 */
export function matchIndicator(metric: string, unit: UnitCode): IndicatorMatch | null {
  const share = SHARE.test(metric);
  for (const a of ALIASES) {
    // A share names the whole it is a share of (地区生产总值): only the aliases of share codes are read in it.
    if (!metric.includes(a.alias) || (share && !a.share)) continue;
    // The longest alias decides: when its code does not fit, no shorter alias of another code may stand in.
    if (!a.units.has(unit) || a.not.some((w) => metric.includes(w))) return null;
    return { indicator: a.indicator, rank: a.rank };
  }
  return null;
}
