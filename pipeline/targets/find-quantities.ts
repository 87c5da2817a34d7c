import type { TargetRow } from "../../schemas/targets.ts";
import { alternation, lexicon } from "./lexicon.ts";
import { parseNumber } from "./parse-number.ts";

/** A number with its unit as found in a text, before deciding whether it is a target. */
export interface Quantity {
  start: number;
  end: number;
  text: string;
  value: number;
  value_high: number | null;
  unit: TargetRow["unit"];
  measure_word: string;
  comparator: TargetRow["comparator"];
  /** Written in Chinese numerals (十件, 两个) rather than Arabic digits. */
  chinese: boolean;
  /** No unit was written (突破百万); the unit comes from the metric. */
  bare: boolean;
}

const { units, comparators: cmp } = lexicon;
const UNIT_BY_WORD = new Map(units.map((u) => [u.word, u]));
const NUM = "(?:\\d+(?:\\.\\d+)?[万亿]*|[零〇一二两三四五六七八九十百千]+[万亿]*)";
const RANGE = "[-~～—–至]";
const UNIT = alternation(units.map((u) => u.word));
const AFTER = alternation([...cmp.gte_after, ...cmp.lte_after, ...cmp.approx_after]);
const INSIDE = alternation(cmp.gte_inside);

// number, 余/多, optional range (6%-6.5%, 10亿~50亿元), unit, trailing comparator (以上 左右).
const QUANTITY = new RegExp(
  `(?<![0-9.])(${NUM})(${INSIDE})?(?:(%|${UNIT})?${RANGE}(${NUM}))?(${UNIT})(${AFTER})?`,
  "gu",
);
// A scale word with no unit after a comparator verb: 常住人口突破百万.
const BARE = new RegExp(`(${alternation(cmp.gte_before)}|达到|达)([0-9.]*[零一二两三四五六七八九十百千]*[万亿]+)(?=[，。；、,;]|$)`, "gu");

/** Scale characters at the end of a numeral belong to a money unit as written: 618亿元 → 亿元. */
const SCALE_TAIL = /[万亿]+$/u;
const MONEY = new Set<TargetRow["unit"]>(["CNY", "USD"]);

function comparatorAfter(word: string | undefined): TargetRow["comparator"] | null {
  if (!word) return null;
  if (cmp.gte_after.includes(word)) return "gte";
  if (cmp.lte_after.includes(word)) return "lte";
  return "approx";
}

const BEFORE: ReadonlyArray<[string, TargetRow["comparator"]]> = [
  ...cmp.gte_before.map((w) => [w, "gte"] as [string, TargetRow["comparator"]]),
  ...cmp.lte_before.map((w) => [w, "lte"] as [string, TargetRow["comparator"]]),
  ...cmp.approx_before.map((w) => [w, "approx"] as [string, TargetRow["comparator"]]),
].sort((a, b) => b[0].length - a[0].length);

/** The longest cue ending right before the number (不低于 over 低于), unless it ends a longer ordinary word (签约 is not 约). */
function comparatorBefore(before: string): TargetRow["comparator"] | null {
  if (cmp.not_cues.some((w) => before.endsWith(w))) return null;
  return BEFORE.find(([w]) => before.endsWith(w))?.[1] ?? null;
}

/** Every number-with-unit in the text, values normalized (scale words applied, ranges split). */
export function findQuantities(text: string): Quantity[] {
  const found: Quantity[] = [];
  for (const m of text.matchAll(QUANTITY)) {
    const [whole, low, inside, , high, unitWord, after] = m;
    const entry = UNIT_BY_WORD.get(unitWord!)!;
    const factor = entry.factor ?? 1;
    const first = parseNumber(low!);
    const second = high ? parseNumber(high) : null;
    if (first === null || (high && second === null)) continue;
    // A range written high to low (50亿~10亿元) still means the interval; keep its bounds in order.
    const value = second === null ? first : Math.min(first, second);
    const valueHigh = second === null ? null : Math.max(first, second);
    const scaleTail = MONEY.has(entry.unit) ? ((high ?? low)!.match(SCALE_TAIL)?.[0] ?? "") : "";
    const end = m.index + whole.length - (after?.length ?? 0);
    const ownComparator = inside ? "gte" : comparatorAfter(after);
    found.push({
      start: m.index,
      end,
      text: text.slice(m.index, end),
      value: round(value * factor),
      value_high: valueHigh === null ? null : round(valueHigh * factor),
      unit: entry.unit,
      measure_word: scaleTail + unitWord!,
      comparator: valueHigh !== null ? "range" : (ownComparator ?? comparatorBefore(text.slice(0, m.index)) ?? "eq"),
      chinese: !/\d/.test(low!),
      bare: false,
    });
  }
  for (const m of text.matchAll(BARE)) {
    const start = m.index + m[1]!.length;
    const value = parseNumber(m[2]!);
    if (value === null || found.some((q) => q.start <= start && start < q.end)) continue;
    found.push({
      start,
      end: start + m[2]!.length,
      text: m[2]!,
      value,
      value_high: null,
      unit: "count",
      measure_word: m[2]!.match(SCALE_TAIL)![0],
      comparator: comparatorBefore(text.slice(0, start)) ?? "eq",
      chinese: !/\d/.test(m[2]!),
      bare: true,
    });
  }
  return found.sort((a, b) => a.start - b.start);
}

function round(value: number): number {
  return Number(value.toPrecision(12));
}
