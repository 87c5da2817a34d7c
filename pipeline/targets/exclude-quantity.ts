import { tag } from "../text/segment.ts";
import type { Quantity } from "./find-quantities.ts";
import { lexicon } from "./lexicon.ts";

const { exclusions: ex } = lexicon;
const OPEN = "“《‘「";
const CLOSE = "”》’」";
const NUMERAL = /[0-9零〇一二两三四五六七八九十百千万亿]/u;
const LIST_SEPARATORS = /、|和|与|及|”“/u;

/**
 * The quoted stretch (or title) around position `at`, or null: names, slogans and plan titles, not amounts. A
 * quote left open is closed by the end of the text.
 */
function quoteAround(text: string, at: number): string | null {
  const opened: number[] = [];
  for (let i = 0; i < at; i++) {
    if (OPEN.includes(text[i]!)) opened.push(i);
    else if (CLOSE.includes(text[i]!) && opened.length > 0) opened.pop();
  }
  const from = opened.at(-1);
  if (from === undefined) return null;
  let end = at;
  while (end < text.length && !CLOSE.includes(text[end]!)) end++;
  return text.slice(from + 1, end);
}

/** A quote holding nothing but a quantity (增速“保8争9”, “30%”) states it, not a name. */
const QUOTED_AMOUNT = /^[保争0-9.%万亿]+$/u;

/** A Chinese numeral that a word has swallowed (零部件, 一系列, 三角洲): the segmenter keeps the word whole. */
function insideWord(sentence: string, q: Quantity): boolean {
  return tag(sentence).some((t) => t.start <= q.start && q.end < t.end && t.tag !== "m");
}

/** The term a count names when it is a quoted name right after the count: 两个“千人计划” → 千人计划. */
function quotedTermAfter(after: string): string | null {
  const m = after.match(/^[“《]([^”》]*)[”》]/u);
  return m ? m[1]! : null;
}

/** Items of the enumeration that ends right before the quantity: 建设A、B、C和D四个平台 → 4. */
function listLength(before: string): number {
  const parts = before.split(LIST_SEPARATORS);
  return parts.length >= 2 && !before.endsWith("等") ? parts.length : 0;
}

/**
 * Why a quantity is a name, ordinal or enumeration rather than an amount, or null when it is an amount.
 * `clauseBefore` is the text of its clause before it, `after` the sentence after it.
 */
export function whyNotTarget(sentence: string, q: Quantity, clauseBefore: string): string | null {
  const after = sentence.slice(q.end);
  const charBefore = sentence[q.start - 1] ?? "";
  const quote = quoteAround(sentence, q.start);
  if (quote !== null && !QUOTED_AMOUNT.test(quote)) return "inside quotes (name, slogan or title)";
  if (q.chinese && insideWord(sentence, q)) return "a numeral inside a word (零部件)";
  if (ex.ordinal_before.some((w) => sentence.slice(0, q.start).endsWith(w))) return "ordinal or session number";
  if (ex.session_after.some((w) => after.startsWith(w))) return "ordinal or session number";
  if (charBefore === "+" || after.startsWith("+") || /^[A-Za-z]/u.test(after)) return "programme formula or technology name";
  if (q.chinese && q.value === 1 && !q.value_high) return "一 as an article (一个, 一批)";
  // A count of numbered items is a slogan: 两个一百年, 五位一体, 三个一批.
  if (NUMERAL.test(after[0] ?? "")) return "count of numbered slogan items (两个一百年)";
  if (ex.category_after.some((w) => after.startsWith(w))) return "counted parts of the plan itself (六项工作)";
  const quoted = quotedTermAfter(after);
  // Slogans count in Chinese numerals (三个“走在前列”); a quoted common noun after Arabic digits is an amount (14条“断头路”).
  if (quoted !== null && (q.chinese || NUMERAL.test(quoted) || ex.programme_words.some((w) => quoted.includes(w)))) {
    return "count of named programmes or slogans (两个“千人计划”)";
  }
  if (q.chinese && ex.programme_words.some((w) => after.startsWith(w))) return "programme name (千人计划)";
  if (q.chinese && ex.rule_sets.some((w) => after.startsWith(w))) return "counted set of rules or measures (八条禁令)";
  // Only a count in Chinese numerals right after an enumeration sums it (A、B和C三个平台): an Arabic count that
  // happens to equal the list's length is an amount.
  if (q.unit === "count" && q.chinese && listLength(clauseBefore) === q.value) return "summary count of the items just listed";
  return null;
}
