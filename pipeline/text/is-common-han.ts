import * as OpenCC from "opencc-js";
import { legacyCodeTable } from "./legacy-encoding.ts";

/** One flag per BMP code unit: a typed array lookup, where a Set of strings would hash a fresh string per character. */
let common: Uint8Array | null = null;

function commonTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (const [code, c] of legacyCodeTable("gb18030").decode) if (code >= 0xb0a1 && code <= 0xd7fe && isUnifiedIdeograph(c)) table[c.charCodeAt(0)] = 1;
  const big5 = [...legacyCodeTable("big5").decode.values()].filter(isUnifiedIdeograph);
  // One conversion of all of them, a character a line, instead of one call each: OpenCC's entries never span a line.
  const simple = OpenCC.Converter({ from: "t", to: "cn" })(big5.join("\n")).split("\n");
  big5.forEach((c, k) => {
    if (simple[k]!.length === 1 && table[simple[k]!.charCodeAt(0)] === 1) table[c.charCodeAt(0)] = 1;
  });
  return table;
}

/**
 * The 3755 level-1 ("frequently used") Han characters of GB2312 (rows 0xB0–0xD7), taken from the decoder so
 * no list ships, plus every Big5 character whose Simplified form is one of them (動 for 动). Big5's own
 * level 1 is no frequency cut for this purpose: it holds 5401 characters, 髁 and 翃 among them. Ordinary
 * prose in either script is almost all frequent; GBK bytes read at the wrong boundaries mostly are not.
 */
export function isCommonHan(ch: string): boolean {
  return ch.length === 1 && isCommonHanCode(ch.charCodeAt(0));
}

/** The same test on a UTF-16 code unit, for loops that scan text without making one-character strings. */
export function isCommonHanCode(code: number): boolean {
  common ??= commonTable();
  return common[code] === 1;
}

/** A Han character of the BMP: the unified ideographs, extension A and the compatibility ideographs. */
export const isHanCode = (c: number) => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);

/** Whether the text holds any Han character: what a Chinese article cannot do without. */
export function hasHan(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isHanCode(text.charCodeAt(i))) return true;
  return false;
}

/** Only unified ideographs (4E00–9FFF) are ever common: a GBK or Big5 code that decodes to one. */
const isUnifiedIdeograph = (ch: string) => ch.length === 1 && ch >= "\u4e00" && ch <= "\u9fff";
