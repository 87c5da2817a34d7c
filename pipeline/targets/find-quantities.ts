import { dropBinaryNoise } from "../lib/numbers.ts";
import type { TargetRow } from "../../schemas/targets.ts";
import { units, unitsWith } from "../../schemas/units.ts";
import { alternation, lexicon } from "./lexicon.ts";
import { parseNumber } from "../text/parse-number.ts";

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

const { comparators: cmp } = lexicon;
const UNIT_BY_WORD = new Map(units.flatMap((u) => u.words.map((w) => [w.word, { unit: u.code, factor: w.factor }] as const)));
// A Chinese numeral is read from the start of its run: a match tried from inside a run could end only where one
// from its start does, and trying every position of a long run would be quadratic in its length.
// Arabic digits may group thousands with commas (12,500个); 一, 二 … may carry decimals after 点 (百分之六点四).
const NUM = "(?:(?:\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)(?:\\.\\d+)?[万亿]*|(?<![零〇一二两三四五六七八九十百千])[零〇一二两三四五六七八九十百千]+[万亿]*)";
const RANGE = "[-~～—–至]";
const UNIT = alternation([...UNIT_BY_WORD.keys()]);
const AFTER = alternation([...cmp.gte_after, ...cmp.lte_after, ...cmp.approx_after]);
const INSIDE = alternation(cmp.gte_inside);

// number, 余/多, optional range (6%-6.5%, 10亿~50亿元), unit, trailing comparator (以上 左右).
const QUANTITY = new RegExp(
  `(?<![0-9.]|\\d,)(${NUM})(${INSIDE})?(?:(%|${UNIT})?${RANGE}(${NUM}))?(${UNIT})(${AFTER})?`,
  "gu",
);
// A scale word with no unit after a comparator verb (常住人口突破百万), or before 以上/左右 (新增就业1000万以上).
const BARE = new RegExp(
  `(${alternation(cmp.gte_before)}|达到|达)([0-9.]*[零一二两三四五六七八九十百千]*[万亿]+)(?=[，。；、,;]|$)|(?<![0-9.])()(\\d+(?:\\.\\d+)?[万亿]+)(?=${AFTER})`,
  "gu",
);
// A share written as a fraction: 1/4, 三分之一 (denominator first).
const FRACTION = /(?<![\d/.])(\d{1,3})\/(\d{1,3})(?![\d/])|(?<![一二两三四五六七八九十百])([一二两三四五六七八九十百]+)分之([一二两三四五六七八九十]+(?:点[零〇一二两三四五六七八九]+)?)/gu;
// 保8争9: a floor to hold (保, gte) and a level to strive for (争), of a rate named before it.
const HOLD_STRIVE = /保(\d+(?:\.\d+)?)(%?)争(\d+(?:\.\d+)?)(%?)/gu;
const RATE_BEFORE = /(?:增速|增长|增幅|速度|率)[“”"\s]*$/u;
// An index value, which has no unit: 居民消费价格指数控制在103左右.
const INDEX = new RegExp(`指数[^，。；、\\d]{0,6}?(\\d+(?:\\.\\d+)?)(?![\\d.%]|${UNIT})(${AFTER})?`, "gu");

/** Scale characters at the end of a numeral belong to a money unit as written: 618亿元 → 亿元. */
const SCALE_TAIL = /[万亿]+$/u;
const MONEY = unitsWith("money");

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
      value: dropBinaryNoise(value * factor),
      value_high: valueHigh === null ? null : dropBinaryNoise(valueHigh * factor),
      unit: entry.unit,
      measure_word: scaleTail + unitWord!,
      comparator: valueHigh !== null ? "range" : (ownComparator ?? comparatorBefore(text.slice(0, m.index)) ?? "eq"),
      chinese: !/\d/.test(low!),
      bare: false,
    });
  }
  // Characters a quantity already covers: a later pattern's match overlapping one is dropped, in time linear in the text.
  const taken = new Uint8Array(text.length);
  for (const q of found) taken.fill(1, q.start, q.end);
  const add = (q: Omit<Quantity, "text">) => {
    if (taken.subarray(q.start, q.end).includes(1)) return;
    taken.fill(1, q.start, q.end);
    found.push({ ...q, text: text.slice(q.start, q.end) });
  };
  for (const m of text.matchAll(BARE)) {
    const number = m[2] ?? m[4]!;
    const start = m.index + (m[1] ?? m[3] ?? "").length;
    const value = parseNumber(number);
    if (value === null) continue;
    const after = text.slice(start + number.length).match(new RegExp(`^(?:${AFTER})`, "u"))?.[0];
    add({
      start,
      end: start + number.length,
      value,
      value_high: null,
      unit: "count",
      measure_word: number.match(SCALE_TAIL)![0],
      comparator: comparatorAfter(after) ?? comparatorBefore(text.slice(0, start)) ?? "eq",
      chinese: !/\d/.test(number),
      bare: true,
    });
  }
  for (const m of text.matchAll(FRACTION)) {
    const [numerator, denominator] = m[1] ? [Number(m[1]), Number(m[2])] : [parseNumber(m[4]!), parseNumber(m[3]!)];
    if (!numerator || !denominator || numerator > denominator) continue;
    const comparator = comparatorAfter(text.slice(m.index + m[0].length).match(new RegExp(`^(?:${AFTER})`, "u"))?.[0]);
    add({ start: m.index, end: m.index + m[0].length, value: dropBinaryNoise((100 * numerator) / denominator), value_high: null, unit: "percent", measure_word: m[1] ? "/" : "分之", comparator: comparator ?? comparatorBefore(text.slice(0, m.index)) ?? "eq", chinese: !m[1], bare: false });
  }
  for (const m of text.matchAll(HOLD_STRIVE)) {
    if (!(m[2] || m[4]) && !RATE_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    const hold = m.index + 1;
    const strive = hold + m[1]!.length + m[2]!.length + 1;
    const rate = (start: number, number: string, comparator: Quantity["comparator"]) =>
      add({ start, end: start + number.length, value: Number(number), value_high: null, unit: "percent", measure_word: "%", comparator, chinese: false, bare: false });
    rate(hold, m[1]!, "gte");
    rate(strive, m[3]!, "eq");
  }
  for (const m of text.matchAll(INDEX)) {
    const start = m.index + m[0].indexOf(m[1]!, m[0].length - m[1]!.length - (m[2]?.length ?? 0));
    add({ start, end: start + m[1]!.length, value: Number(m[1]), value_high: null, unit: "index", measure_word: "指数", comparator: comparatorAfter(m[2]) ?? "eq", chinese: false, bare: false });
  }
  // A value beyond what a double holds (a unit's factor on a huge number, 保…争 of 400 digits) states no amount.
  return found.filter((q) => Number.isFinite(q.value) && (q.value_high === null || Number.isFinite(q.value_high))).sort((a, b) => a.start - b.start);
}

