import type { Quantity } from "./find-quantities.ts";
import { lexicon } from "./lexicon.ts";

const { exclusions: ex } = lexicon;
const OPEN = "“《‘「";
const CLOSE = "”》’」";
const NUMERAL = /[0-9零〇一二两三四五六七八九十百千万亿]/u;
const LIST_SEPARATORS = /、|和|与|及|”“/u;

/** True when position `at` is inside quotes or a title: names, slogans and plan titles, not amounts. */
function insideQuotes(text: string, at: number): boolean {
  let depth = 0;
  for (let i = 0; i < at; i++) {
    if (OPEN.includes(text[i]!)) depth++;
    else if (CLOSE.includes(text[i]!) && depth > 0) depth--;
  }
  return depth > 0;
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
  if (insideQuotes(sentence, q.start)) return "inside quotes (name, slogan or title)";
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
  if (q.unit === "count" && listLength(clauseBefore) === q.value) return "summary count of the items just listed";
  return null;
}
