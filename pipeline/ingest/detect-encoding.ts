import { isCommonHanCode } from "../text/is-common-han.ts";
import { isSpace } from "../text/is-space.ts";

import type { Encoding } from "../../schemas/normalized-article.ts";

export type { Encoding };

export interface Decoded {
  encoding: Encoding;
  confidence: number;
  text: string;
}

const BOMS: ReadonlyArray<[Encoding, number[], string]> = [
  ["utf-8-bom", [0xef, 0xbb, 0xbf], "utf-8"],
  ["utf-16le", [0xff, 0xfe], "utf-16le"],
  ["utf-16be", [0xfe, 0xff], "utf-16be"],
];

/** Candidates without a byte-order mark, tried strictly; UTF-8 first because a clean UTF-8 decode of CJK is rarely an accident. */
const CANDIDATES: ReadonlyArray<[Encoding, string]> = [
  ["utf-8", "utf-8"],
  ["gb18030", "gb18030"],
  ["big5", "big5"],
  ["utf-16le", "utf-16le"],
  ["utf-16be", "utf-16be"],
];

/** The candidates' names, for a reason that says what was tried. */
export const CANDIDATE_NAMES: readonly Encoding[] = CANDIDATES.map(([encoding]) => encoding);

/**
 * UTF-16 without a byte-order mark shows itself by zero bytes, the high byte of every ASCII character it holds (line
 * breaks, digits); other text has none. Without them it is not tried: an ASCII file reads as CJK in UTF-16.
 */
const mayBeUtf16 = (bytes: Uint8Array) => bytes.includes(0);

const hasNonAscii = (bytes: Uint8Array) => bytes.some((b) => b >= 0x80);

/**
 * How much a decode looks like Chinese prose: level-1 (frequent) Han characters and Chinese punctuation
 * count fully, rarer Han a quarter, ASCII half; private-use, control, replacement and astral characters
 * count against. A wrong legacy decode yields mostly rare Han, so the share of frequent ones decides.
 */
export function textScore(text: string): number {
  let good = 0;
  let bad = 0;
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    // A surrogate pair is one code point; a lone surrogate stands for itself.
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if (isSpace(cp)) continue;
    total++;
    if (isCommonHanCode(cp) || (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xff00 && cp <= 0xffef) || (cp >= 0x2010 && cp <= 0x201f)) good++;
    else if (cp >= 0x4e00 && cp <= 0x9fff) good += 0.25;
    else if (cp < 0x20 || cp === 0xfffd || (cp >= 0xe000 && cp <= 0xf8ff) || (cp >= 0x3400 && cp <= 0x4dbf) || cp > 0xffff) bad++;
    else if (cp < 0x80) good += 0.5;
  }
  return total === 0 ? 0 : Math.max(0, (good - 4 * bad) / total);
}

function strictDecode(bytes: Uint8Array, label: string): string | null {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decodes bytes by BOM, else by the best-scoring strict decode; null when nothing decodes cleanly. Bytes that are
 * valid UTF-8 and not plain ASCII are UTF-8 whatever the scores say: legacy Chinese text is practically never
 * valid UTF-8, while a UTF-8 text of pinyin or Latin letters can score higher read as GB18030 mojibake.
 */
export function detectEncoding(bytes: Uint8Array): Decoded | null {
  for (const [encoding, bom, label] of BOMS) {
    if (bom.every((b, i) => bytes[i] === b)) {
      const text = strictDecode(bytes.subarray(bom.length), label);
      return text === null ? null : { encoding, confidence: 1, text };
    }
  }
  const utf16 = mayBeUtf16(bytes);
  const scored = CANDIDATES.filter(([encoding]) => utf16 || !encoding.startsWith("utf-16")).flatMap(([encoding, label]) => {
    const text = strictDecode(bytes, label);
    return text === null ? [] : [{ encoding, text, score: textScore(text) }];
  });
  if (scored.length === 0) return null;
  // Stable sort keeps the candidate order as the tie-break.
  scored.sort((a, b) => b.score - a.score);
  const utf8 = hasNonAscii(bytes) ? scored.find((c) => c.encoding === "utf-8") : undefined;
  const best = utf8 ?? scored[0]!;
  const second = scored.find((c) => c !== best);
  const margin = best.score === 0 ? 0 : second ? (best.score - second.score) / best.score : 1;
  const confidence = Math.round(Math.min(1, best.score) * Math.max(0, Math.min(1, 0.5 + margin)) * 1000) / 1000;
  return { encoding: best.encoding, confidence, text: best.text };
}
