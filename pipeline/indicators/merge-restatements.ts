import type { TargetRow } from "../../schemas/targets.ts";

/** What makes two rows of one article the same stated target: its indicator, kind, year, value and unit. */
const factOf = (r: TargetRow) => JSON.stringify([r.indicator, r.kind, r.year, r.value, r.value_high, r.unit]);

/**
 * One row per stated target: a later statement of an article's target (经济增长预期目标为5%左右 after
 * 国内生产总值增长5%左右) is folded into the first, which keeps it as a restated span. Only rows with an indicator
 * can be told to be the same; rows sharing one quantity (均 hands it to two metrics) are not restatements. Pure.
 */
export function mergeRestatements(rows: readonly TargetRow[]): TargetRow[] {
  const first = new Map<string, TargetRow>();
  const kept: TargetRow[] = [];
  for (const row of rows) {
    const fact = factOf(row);
    const earlier = row.indicator === null ? undefined : first.get(fact);
    if (!earlier || earlier.char_start === row.char_start) {
      if (row.indicator !== null && !earlier) first.set(fact, row);
      kept.push(row);
      continue;
    }
    const add = (spans: string[] | null, start: number, end: number) => [...(spans ?? []), `${start}-${end}`];
    earlier.restated_spans = add(earlier.restated_spans, row.char_start, row.char_end);
    earlier.restated_raw_spans = add(earlier.restated_raw_spans, row.raw_char_start, row.raw_char_end);
  }
  return kept;
}
