import { isCommonHanCode, isHanCode } from "../text/is-common-han.ts";
import { isSpace } from "../text/is-space.ts";
import { tag } from "../text/segment.ts";

export interface TextSpan {
  start: number;
  end: number;
}

/**
 * What a misaligned GBK decode produces besides rare Han but Chinese prose almost never mixes into Han:
 * Greek, Cyrillic, box drawing, kana, bopomofo and odd full-width symbols (GBK rows 0xA1–0xA9), and the
 * private-use characters of GBK's user-defined rows.
 */
const isForeign = (c: number) =>
  (c >= 0xe000 && c <= 0xf8ff) ||
  (c >= 0x3100 && c <= 0x312f) ||
  (c >= 0x0370 && c <= 0x04ff) ||
  (c >= 0x2500 && c <= 0x257f) ||
  (c >= 0x3040 && c <= 0x30ff) ||
  (c >= 0x3131 && c <= 0x318e) ||
  c === 0xff03 ||
  c === 0xff04 ||
  c === 0xff06 ||
  c === 0xff20 ||
  c === 0xff3e ||
  c === 0xff40 ||
  c === 0xff5b ||
  c === 0xff5d;
/** ASCII that a lost byte leaves behind: `?` for an undecodable byte, and symbols that are valid GBK trail bytes. */
const STRAY_ASCII = new Set([..."?|\\^_`{}~@[]"].map((ch) => ch.charCodeAt(0)));
/** ASCII letters, digits, spaces and brackets: pinyin glosses and Latin terms, neither evidence for nor against. */
const isNeutral = (c: number) =>
  (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x28 || c === 0x29 || (c >= 0xc0 && c <= 0x24f) || isSpace(c);

const MAX_GAP = 4;
const MIN_ODD = 3;
const MIN_ODD_SHARE = 0.4;

/** A character that frequent-character Chinese prose would not contain here. */
export function isOddChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 0xfffd) return true;
  if (isHanCode(c)) return !isCommonHanCode(c);
  if (isForeign(c)) return true;
  if (STRAY_ASCII.has(c)) return i > 0 && isHanCode(text.charCodeAt(i - 1)) && i + 1 < text.length && !isSpace(text.charCodeAt(i + 1));
  return false;
}

/** Context the segmenter sees around a cluster, so its words are cut as in the sentence. */
const WORD_WINDOW = 4;

/**
 * How many of the odd positions stand inside words of the segmenter's dictionary (砥砺, 笃行): rare characters
 * of real words, not bytes read at the wrong boundary, which the HMM would only glue into unknown words (x).
 */
function inWords(text: string, odd: readonly number[]): number {
  const from = Math.max(0, odd[0]! - WORD_WINDOW);
  const tokens = tag(text.slice(from, Math.min(text.length, odd.at(-1)! + 1 + WORD_WINDOW)));
  const words = tokens.filter((t) => t.end - t.start >= 2 && !UNKNOWN_TAG.test(t.tag));
  return odd.filter((i) => words.some((t) => t.start <= i - from && i - from < t.end)).length;
}
const UNKNOWN_TAG = /^(?:x|eng|m)$/u;

/**
 * Clusters of odd characters within a line: at least three, at most four ordinary characters apart, and
 * at least 40% of the cluster. A single rare name character (仲恺, 黄赟) never qualifies; a stretch of
 * GBK bytes read one byte off, which lands mostly outside the frequent characters, does, unless its rare
 * characters are those of dictionary words (砥砺奋进、笃行).
 */
export function findMojibake(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  let odd: number[] = [];
  let counted = 0;
  let sinceOdd = 0;
  const flush = () => {
    if (odd.length >= MIN_ODD && odd.length / counted >= MIN_ODD_SHARE && odd.length - inWords(text, odd) >= MIN_ODD) {
      spans.push({ start: odd[0]!, end: odd.at(-1)! + 1 });
    }
    odd = [];
    counted = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      flush();
      continue;
    }
    if (isOddChar(text, i)) {
      if (odd.length > 0) counted += sinceOdd;
      else counted = 0;
      odd.push(i);
      counted++;
      sinceOdd = 0;
    } else if (!isNeutral(c)) {
      sinceOdd++;
      if (odd.length > 0 && sinceOdd > MAX_GAP) flush();
    }
  }
  flush();
  return spans;
}
