import { firstIndex } from "../lib/first-index.ts";
import { tag, type TaggedToken } from "../text/segment.ts";
import type { Quantity } from "./find-quantities.ts";
import { lexicon } from "./lexicon.ts";

const { exclusions: ex } = lexicon;
const OPEN = "“《‘「";
const CLOSE = "”》’」";
const NUMERAL = /[0-9零〇一二两三四五六七八九十百千万亿]/u;
const LIST_SEPARATORS = /、|和|与|及|”“/u;

/** Where the next of `chars` stands at or after each position (the text's length when none): one backward scan. */
function nextOf(text: string, chars: string): (from: number) => number {
  const next = new Int32Array(text.length + 1).fill(text.length);
  for (let i = text.length - 1; i >= 0; i--) next[i] = chars.includes(text[i]!) ? i : next[i + 1]!;
  return (from) => next[from]!;
}

/**
 * For each position of the sentence, the innermost quote (or title) open there, and where it closes: names, slogans
 * and plan titles, not amounts. A quote left open is closed by the end of the text. One scan of the sentence, so a
 * sentence with many quantities is not rescanned for each.
 */
function quotes(text: string): (at: number) => { from: number; end: number } | null {
  const openAt = new Int32Array(text.length + 1);
  const opened: number[] = [];
  for (let i = 0; i < text.length; i++) {
    openAt[i] = opened.at(-1) ?? -1;
    if (OPEN.includes(text[i]!)) opened.push(i);
    else if (CLOSE.includes(text[i]!) && opened.length > 0) opened.pop();
  }
  openAt[text.length] = opened.at(-1) ?? -1;
  const closeFrom = nextOf(text, CLOSE);
  return (at) => (openAt[at]! < 0 ? null : { from: openAt[at]! + 1, end: closeFrom(at) });
}

/** A quote holding nothing but a quantity (增速“保8争9”, “30%”) states it, not a name. */
const QUOTED_AMOUNT = /^[保争0-9.%万亿]+$/u;

/** A Chinese numeral that a word has swallowed (零部件, 一系列, 三角洲): the segmenter keeps the word whole. */
function insideWord(tokens: readonly TaggedToken[], q: Quantity): boolean {
  // Tokens tile the sentence: only the one holding q.start can swallow it.
  const t = tokens[firstIndex(tokens.length, (i) => tokens[i]!.start > q.start) - 1];
  return t !== undefined && q.end < t.end && t.tag !== "m";
}

/** The term a count names when it is a quoted name right after the count: 两个“千人计划” → 千人计划. */
function quotedTermAfter(sentence: string, at: number, closeAt: (from: number) => number): string | null {
  if (sentence[at] !== "“" && sentence[at] !== "《") return null;
  const end = closeAt(at + 1);
  return end < sentence.length ? sentence.slice(at + 1, end) : null;
}

/** Items of the enumeration that ends right before the quantity: 建设A、B、C和D四个平台 → 4. */
function listLength(before: string, separators: number): number {
  return separators >= 1 && !before.endsWith("等") ? separators + 1 : 0;
}

/** Where each match of a global pattern starts and ends, in order. */
const matchSpans = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length }));

/** How many of the spans (in order) lie inside [from, to): two binary searches. */
function countWithin(spans: ReadonlyArray<{ start: number; end: number }>, from: number, to: number): number {
  return Math.max(0, firstIndex(spans.length, (i) => spans[i]!.end > to) - firstIndex(spans.length, (i) => spans[i]!.start >= from));
}

/**
 * For one sentence, why each of its quantities is a name, ordinal or enumeration rather than an amount, or null
 * when it is an amount; `clauseStart` is where the quantity's clause starts. What the answers need of the sentence
 * (its quotes, tokens and list separators) is read once, so each quantity costs the same however long the sentence.
 */
export function whyNotTarget(sentence: string): (q: Quantity, clauseStart: number) => string | null {
  const quoteAt = quotes(sentence);
  const quotedAmounts = new Map<string, boolean>();
  const termClose = nextOf(sentence, "”》");
  const separators = matchSpans(sentence, new RegExp(LIST_SEPARATORS.source, "gu"));
  let tokens: readonly TaggedToken[] | null = null;
  return (q, clauseStart) => {
    const after = sentence.slice(q.end);
    const charBefore = sentence[q.start - 1] ?? "";
    const quote = quoteAt(q.start);
    if (quote !== null) {
      const key = `${quote.from}:${quote.end}`;
      if (!quotedAmounts.has(key)) quotedAmounts.set(key, QUOTED_AMOUNT.test(sentence.slice(quote.from, quote.end)));
      if (!quotedAmounts.get(key)) return "inside quotes (name, slogan or title)";
    }
    if (q.chinese && insideWord((tokens ??= tag(sentence)), q)) return "a numeral inside a word (零部件)";
    if (ex.ordinal_before.some((w) => sentence.slice(0, q.start).endsWith(w))) return "ordinal or session number";
    if (ex.session_after.some((w) => after.startsWith(w))) return "ordinal or session number";
    if (charBefore === "+" || after.startsWith("+") || /^[A-Za-z]/u.test(after)) return "programme formula or technology name";
    if (q.chinese && q.value === 1 && !q.value_high) return "一 as an article (一个, 一批)";
    // A count of numbered items is a slogan: 两个一百年, 五位一体, 三个一批.
    if (NUMERAL.test(after[0] ?? "")) return "count of numbered slogan items (两个一百年)";
    if (ex.category_after.some((w) => after.startsWith(w))) return "counted parts of the plan itself (六项工作)";
    const quoted = quotedTermAfter(sentence, q.end, termClose);
    // Slogans count in Chinese numerals (三个“走在前列”); a quoted common noun after Arabic digits is an amount (14条“断头路”).
    if (quoted !== null && (q.chinese || NUMERAL.test(quoted) || ex.programme_words.some((w) => quoted.includes(w)))) {
      return "count of named programmes or slogans (两个“千人计划”)";
    }
    if (q.chinese && ex.programme_words.some((w) => after.startsWith(w))) return "programme name (千人计划)";
    if (q.chinese && ex.rule_sets.some((w) => after.startsWith(w))) return "counted set of rules or measures (八条禁令)";
    // Only a count in Chinese numerals right after an enumeration sums it (A、B和C三个平台): an Arabic count that
    // happens to equal the list's length is an amount.
    if (q.unit === "count" && q.chinese && listLength(sentence.slice(clauseStart, q.start), countWithin(separators, clauseStart, q.start)) === q.value) {
      return "summary count of the items just listed";
    }
    return null;
  };
}
