import { isCommonHan } from "../ingest/is-common-han.ts";

export interface TextSpan {
  start: number;
  end: number;
}

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
/**
 * What a misaligned GBK decode produces besides rare Han but Chinese prose almost never mixes into Han:
 * Greek, Cyrillic, box drawing, kana, bopomofo and odd full-width symbols (GBK rows 0xA1–0xA9), and the
 * private-use characters of GBK's user-defined rows.
 */
const FOREIGN = /[\ue000-\uf8ff\u3100-\u312f\u0370-\u04ff\u2500-\u257f\u3040-\u30ff\u3131-\u318e\uff03\uff04\uff06\uff20\uff3e\uff40\uff5b\uff5d]/;
/** ASCII that a lost byte leaves behind: `?` for an undecodable byte, and symbols that are valid GBK trail bytes. */
const STRAY_ASCII = /[?|\\^_`{}~@[\]]/;
/** ASCII letters, digits, spaces and brackets: pinyin glosses and Latin terms, neither evidence for nor against. */
const NEUTRAL = /[A-Za-z0-9\s()\u00c0-\u024f]/;

const MAX_GAP = 4;
const MIN_ODD = 3;
const MIN_ODD_SHARE = 0.4;

/** A character that frequent-character Chinese prose would not contain here. */
export function isOddChar(text: string, i: number): boolean {
  const ch = text[i]!;
  if (ch === "\ufffd") return true;
  if (HAN.test(ch)) return !isCommonHan(ch);
  if (FOREIGN.test(ch)) return true;
  if (STRAY_ASCII.test(ch)) {
    const next = text[i + 1];
    return i > 0 && HAN.test(text[i - 1]!) && next !== undefined && !/\s/.test(next);
  }
  return false;
}

/**
 * Clusters of odd characters within a line: at least three, at most four ordinary characters apart, and
 * at least 40% of the cluster. A single rare name character (仲恺, 黄赟) never qualifies; a stretch of
 * GBK bytes read one byte off, which lands mostly outside the frequent characters, does.
 */
export function findMojibake(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  let odd: number[] = [];
  let counted = 0;
  let sinceOdd = 0;
  const flush = () => {
    if (odd.length >= MIN_ODD && odd.length / counted >= MIN_ODD_SHARE) spans.push({ start: odd[0]!, end: odd.at(-1)! + 1 });
    odd = [];
    counted = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "\n") {
      flush();
      continue;
    }
    if (isOddChar(text, i)) {
      if (odd.length > 0) counted += sinceOdd;
      else counted = 0;
      odd.push(i);
      counted++;
      sinceOdd = 0;
    } else if (!NEUTRAL.test(ch)) {
      sinceOdd++;
      if (odd.length > 0 && sinceOdd > MAX_GAP) flush();
    }
  }
  flush();
  return spans;
}
