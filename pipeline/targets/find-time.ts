import { alternation, lexicon } from "./lexicon.ts";

/** The time words governing a quantity and what they resolve to. */
export interface TimeInfo {
  phrase: string;
  year: number | null;
  recurring: boolean;
  /** Relative to the base year (article or section year): before it, in it, after it, or unknown. */
  relation: "past" | "present" | "future" | null;
}

const { time } = lexicon;
// 十一五 … 十九五: the 11th to 19th plans.
const PLAN_DIGITS = "一二三四五六七八九";
// “十四五”期末, 十三五末, 十四五期间: five-year plans; 到2025年底, 2019年; the relative and recurring words.
const SOURCE = [
  `“?十([${PLAN_DIGITS}])五”?(期末|末|期间|时期)`,
  "(?:到|至)?((?:19|20)\\d\\d)年(?:底|末|前)?",
  alternation([...Object.keys(time.relative), ...time.recurring, ...time.open]),
].join("|");
const PATTERN = new RegExp(SOURCE, "u");
const COMPARISON_BASE = /[比较](?:上年|去年)(?:同期)?/gu;

/** Every time phrase and comparison base (比上年), for removing them from a metric. */
export const TIME_WORDS = new RegExp(`${COMPARISON_BASE.source}|${SOURCE}`, "gu");
/** Open periods looking back: 过去五年, 近年来, 一年来. */
const PAST_OPEN = /过去|近|来$/u;

/** First and last year of the n-th five-year plan (the third started in 1966, after three adjustment years). */
function planYears(n: number): [number, number] {
  const first = n <= 2 ? 1953 + 5 * (n - 1) : 1966 + 5 * (n - 3);
  return [first, first + 4];
}

function relationOf(year: number, base: number | null): TimeInfo["relation"] {
  if (base === null) return null;
  return year < base ? "past" : year > base ? "future" : "present";
}

/** The first time phrase in the text, with its year resolved against `baseYear` (null when unknown). */
export function findTime(text: string, baseYear: number | null): TimeInfo | null {
  // 比上年增长 names the base of a comparison, not the time the quantity refers to.
  const m = text.replace(COMPARISON_BASE, "").match(PATTERN);
  if (!m) return null;
  const phrase = m[0].replace(/[“”]/gu, "");
  if (m[1]) {
    const [first, last] = planYears(11 + PLAN_DIGITS.indexOf(m[1]));
    if (m[2] === "期末" || m[2] === "末") return { phrase, year: last, recurring: false, relation: relationOf(last, baseYear) };
    const relation = baseYear === null ? null : last < baseYear ? "past" : first > baseYear ? "future" : "present";
    return { phrase, year: null, recurring: false, relation };
  }
  if (m[3]) {
    const year = Number(m[3]);
    // 到2025年 is a deadline even when the article's own year is unknown.
    const deadline = baseYear === null && /^[到至]/u.test(phrase) ? "future" : null;
    return { phrase, year, recurring: false, relation: deadline ?? relationOf(year, baseYear) };
  }
  const offset = time.relative[phrase];
  if (offset !== undefined) {
    const year = baseYear === null ? null : baseYear + offset;
    return { phrase, year, recurring: false, relation: offset < 0 ? "past" : offset > 0 ? "future" : "present" };
  }
  if (time.recurring.includes(phrase)) return { phrase, year: null, recurring: true, relation: "future" };
  return { phrase, year: null, recurring: false, relation: PAST_OPEN.test(phrase) ? "past" : "future" };
}
