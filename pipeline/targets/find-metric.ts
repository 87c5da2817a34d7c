import type { TargetRow } from "../../schemas/targets.ts";
import { unitsWith } from "../../schemas/units.ts";
import { charactersOfTaggedWords, FUNCTION_WORD_TAG, tag } from "../text/segment.ts";
import { findQuantities } from "./find-quantities.ts";
import { TIME_WORDS } from "./find-time.ts";
import { alternation, lexicon } from "./lexicon.ts";

const { metric_strip: strip, comparators, directions } = lexicon;
const LEADING = new RegExp(`^(?:${alternation(strip.leading)})`, "u");
// Direction cues end a metric too: 刑事发案率再下降15%, 审批时限压缩至5个工作日.
const TRAILING = new RegExp(`(?:${alternation([...strip.trailing, ...directions.increase, ...directions.decrease])})$`, "u");
const NOISE = /[“”‘’《》「」（）()、\s]/gu;
/** Where the noun after a count ends: punctuation, 的, or the 、 before the next count (4个街道、3个镇). */
const POST_END = /[，。；,;的]|、(?=[0-9零一二两三四五六七八九十百千])/u;
/** Words after a count that start a predicate, not the counted noun (项目28个全部开工). */
const NOT_NOUN_TAG = /^(?:d|ad|v|p|c|r|u[a-z]*)$/u;
const AFTER_COMPARATOR = new RegExp(`^(?:${alternation([...comparators.gte_after, ...comparators.lte_after, ...comparators.approx_after])})`, "u");
/** Amounts of money and shares name their metric before the number; counts often after (100个惠民空间微改造). */
const NAMED_BEFORE = unitsWith("named_before");

/** Text without other quantities, time words and punctuation. */
function clean(text: string): string {
  const kept: string[] = [];
  let from = 0;
  for (const q of findQuantities(text)) {
    kept.push(text.slice(from, q.start));
    from = q.end;
  }
  kept.push(text.slice(from));
  return kept.join("").replace(TIME_WORDS, "").replace(NOISE, "");
}

/** Function words never start a noun phrase; particles never end one. */
const LEADING_TAG = FUNCTION_WORD_TAG;
const TRAILING_TAG = /^u[a-z]*$/u;

function trimFunctionWords(text: string): string {
  const tokens = tag(text);
  let first = 0;
  let last = tokens.length;
  while (first < last && LEADING_TAG.test(tokens[first]!.tag)) first++;
  while (last > first && TRAILING_TAG.test(tokens[last - 1]!.tag)) last--;
  return first < last ? text.slice(tokens[first]!.start, tokens[last - 1]!.end) : "";
}

/** Trims cue words, verbs of doing and function words from both ends until nothing more comes off (签约 keeps its 约). */
export function trimMetric(text: string): string {
  return trimCleaned(clean(text));
}

/**
 * Rounds of trimming at most: each round tags the text again, so a text made of nothing but cue words (增长增长…)
 * would otherwise cost a round per word. Clauses of the 38 texts come clean in four rounds at most.
 */
const MAX_ROUNDS = 12;

function trimCleaned(cleaned: string): string {
  let out = cleaned;
  for (let before = "", round = 0; before !== out && round < MAX_ROUNDS; round++) {
    before = out;
    out = out.replace(LEADING, "");
    if (!comparators.not_cues.some((w) => out.endsWith(w))) out = out.replace(TRAILING, "");
    out = trimFunctionWords(out);
  }
  return out;
}

let trimmable: Set<string> | null = null;
/** Characters trimMetric can take off: those of its cue words and of every word jieba may tag as a function word. */
function trimmableCharacters(): Set<string> {
  trimmable ??= new Set([
    ...[...strip.leading, ...strip.trailing, ...directions.increase, ...directions.decrease].join(""),
    ...charactersOfTaggedWords(new RegExp(`${LEADING_TAG.source}|${TRAILING_TAG.source}`, "u")),
  ]);
  return trimmable;
}

/**
 * Whether trimMetric(text) is at most `max` UTF-16 units long. Characters that no trimmed word contains never
 * come off, so when the cleaned text has more than `max` units of them the answer needs no tagging: most
 * clauses, which are asked whether they are mere lead-ins.
 */
export function trimsToAtMost(text: string, max: number): boolean {
  const cleaned = clean(text);
  const characters = trimmableCharacters();
  let kept = 0;
  for (const c of cleaned) if (!characters.has(c) && (kept += c.length) > max) return false;
  return trimCleaned(cleaned).length <= max;
}

function startsWithNoun(text: string): boolean {
  const first = tag(text.slice(0, 8))[0];
  return first !== undefined && !NOT_NOUN_TAG.test(first.tag) && !strip.not_nouns.includes(first.word);
}

/**
 * The noun phrase naming a quantity, from its clause: the noun a count is followed by (100个惠民空间微改造),
 * else what precedes the quantity (地区生产总值618亿元), else the metric of the quantity before it in the
 * clause (投资320亿元、增长8.5%), else the bare verb before it (投入2.2亿元).
 */
export function findMetric(before: string, after: string, unit: TargetRow["unit"], previous: string | null): string {
  const tail = after.replace(AFTER_COMPARATOR, "");
  if (!NAMED_BEFORE.has(unit) && /^[\u4e00-\u9fff“]/u.test(tail)) {
    const end = tail.search(POST_END);
    const post = trimMetric(end < 0 ? tail : tail.slice(0, end));
    if (post !== "" && startsWithNoun(post)) return post;
  }
  return trimMetric(before) || previous || clean(before) || clean(after) || unit;
}
