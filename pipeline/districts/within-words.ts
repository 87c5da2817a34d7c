import { FUNCTION_WORD_TAG, tag } from "../text/segment.ts";
import type { Mention } from "./place-index.ts";

/** Enough context on each side for the segmenter to cut the mention's neighbourhood as it cuts the sentence. */
const WINDOW = 8;

/**
 * Whether a place name found by the scan lines up with the words around it: it must not start inside a word
 * (…和县 of 市委和县委 starts at the conjunction 和, 县 belongs to 县委). Its last character may run into a role
 * word (惠城区委 → 惠城区|委, 岳阳楼|区委) as long as it starts with a name, not a function word.
 */
export function alignsWithWords(text: string, mention: Mention): boolean {
  const from = Math.max(0, mention.start - WINDOW);
  const start = mention.start - from;
  const end = mention.end - from;
  const tokens = tag(text.slice(from, Math.min(text.length, mention.end + WINDOW)));
  if (tokens.some((t) => t.start < start && t.end > start)) return false;
  const across = tokens.find((t) => t.start > start && t.start < end && t.end > end);
  if (!across) return true;
  const inside = tokens.filter((t) => t.start >= start && t.end <= across.start);
  return inside.length > 0 && !FUNCTION_WORD_TAG.test(inside[0]!.tag);
}
