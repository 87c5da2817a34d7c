import { PLAN_PERIOD, planEndYear, planYearsOfDigit } from "../text/plan-periods.ts";
import { alternation, lexicon } from "./lexicon.ts";

/** The time words governing a quantity and what they resolve to. */
export interface TimeInfo {
  /** The words as written; null when the time is the part's, which no word of the clause states. */
  phrase: string | null;
  year: number | null;
  recurring: boolean;
  /** Against the report year: before it, in it, after it, or unknown. */
  relation: "past" | "present" | "future" | null;
  /** A span of several years (年均, 五年…): it dates its own quantity only and carries into no other clause. */
  span?: true;
}

/** The years a clause's relative time words resolve against: the report's, and the part's it stands in. */
export interface BaseYears {
  report: number | null;
  part: number | null;
}

const { time } = lexicon;
// “十四五”期末, 十三五末, 十四五期间: five-year plans; 到2025年底, 2019年; 三年内; the relative and recurring words.
const SOURCE = [
  `${PLAN_PERIOD}(期末|末|期间|时期)`,
  "(?:到|至)?((?:19|20)\\d\\d)年(?!以来)(?:底|末|前)?",
  `(${time.periods})`,
  `(${time.spans})`,
  alternation([...Object.keys(time.relative), ...time.part_relative, ...time.recurring, ...time.open]),
].join("|");
const PATTERN = new RegExp(SOURCE, "gu");
/** 比上年增长, 比2002年增长, 与2010年相比: the base of a comparison, not the time the quantity refers to. */
const COMPARISON_BASE = new RegExp(time.comparison_bases, "gu");

/** Every time phrase and comparison base (比上年), for removing them from a metric. */
export const TIME_WORDS = new RegExp(`${COMPARISON_BASE.source}|${SOURCE}`, "gu");
/** Open periods looking back: 过去五年, 近年来, 一年来. */
const PAST_OPEN = /过去|近|来$/u;

function relationOf(year: number | null, base: number | null): TimeInfo["relation"] {
  if (year === null || base === null) return null;
  return year < base ? "past" : year > base ? "future" : "present";
}

/** A comparison base of a text (比上年, 比2002年) and where it ends; `year` null for the year before the quantity's. */
export interface PlacedBase {
  end: number;
  year: number | null;
}

/** Every comparison base of the text, in order. */
export function findBases(text: string): PlacedBase[] {
  return [...text.matchAll(COMPARISON_BASE)].map((m) => {
    const written = m[0].match(/((?:19|20)\d\d)年/u);
    return { end: m.index + m[0].length, year: written ? Number(written[1]) : planEndYear(m[0]) };
  });
}

/** A time phrase of a text and where it stands (UTF-16 offset). */
export type PlacedTime = TimeInfo & { at: number; end: number };

/**
 * Every time phrase of the text, in order, and what each resolves to: 今年 and 去年 against the report year
 * wherever they stand, 全年 and 年内 against the year of the part; explicit years and periods as written.
 */
export function findTimes(text: string, base: BaseYears): PlacedTime[] {
  // Comparison bases are blanked out, not removed, so the phrases keep their offsets.
  const masked = text.replace(COMPARISON_BASE, (m) => "□".repeat(m.length));
  return [...masked.matchAll(PATTERN)].map((m) => ({ ...resolve(m, base), at: m.index, end: m.index + m[0].length }));
}

/** The first time phrase of the text, or null. */
export const findTime = (text: string, base: BaseYears): TimeInfo | null => findTimes(text, base)[0] ?? null;

function resolve(m: RegExpMatchArray, base: BaseYears): TimeInfo {
  const phrase = m[0].replace(/[“”]/gu, "");
  const report = base.report;
  if (m[1]) {
    const [first, last] = planYearsOfDigit(m[1]);
    if (m[2] === "期末" || m[2] === "末") return { phrase, year: last, recurring: false, relation: relationOf(last, report) };
    const relation = report === null ? null : last < report ? "past" : first > report ? "future" : "present";
    return { phrase, year: null, recurring: false, relation };
  }
  if (m[3]) {
    const year = Number(m[3]);
    // 到2025年 is a deadline even when the article's own year is unknown.
    const deadline = report === null && /^[到至]/u.test(phrase) ? "future" : null;
    return { phrase, year, recurring: false, relation: deadline ?? relationOf(year, report) };
  }
  // 三年内: a span from now on, which no single year stands for.
  if (m[4]) return { phrase, year: null, recurring: false, relation: "future" };
  // 年均增长, 五年累计…: a quantity over several years; its kind is its part's.
  if (m[5]) return { phrase, year: null, recurring: false, relation: null, span: true };
  const offset = time.relative[phrase];
  if (offset !== undefined) {
    const year = report === null ? null : report + offset;
    return { phrase, year, recurring: false, relation: offset < 0 ? "past" : offset > 0 ? "future" : "present" };
  }
  if (time.part_relative.includes(phrase)) {
    const year = base.part ?? report;
    return { phrase, year, recurring: false, relation: relationOf(year, report) };
  }
  if (time.recurring.includes(phrase)) return { phrase, year: null, recurring: true, relation: "future" };
  return { phrase, year: null, recurring: false, relation: PAST_OPEN.test(phrase) ? "past" : "future" };
}
