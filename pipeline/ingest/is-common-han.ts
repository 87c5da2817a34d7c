import * as OpenCC from "opencc-js";
import { legacyCodeTable } from "./legacy-code-table.ts";

let common: Set<string> | null = null;

/**
 * The 3755 level-1 ("frequently used") Han characters of GB2312 (rows 0xB0–0xD7), taken from the decoder so
 * no list ships, plus every Big5 character whose Simplified form is one of them (動 for 动). Big5's own
 * level 1 is no frequency cut for this purpose: it holds 5401 characters, 髁 and 翃 among them. Ordinary
 * prose in either script is almost all frequent; GBK bytes read at the wrong boundaries mostly are not.
 */
export function isCommonHan(ch: string): boolean {
  if (!common) {
    const set = new Set<string>();
    for (const [code, c] of legacyCodeTable("gb18030").decode) if (code >= 0xb0a1 && code <= 0xd7fe && isHan(c)) set.add(c);
    const toSimplified = OpenCC.Converter({ from: "t", to: "cn" });
    for (const c of legacyCodeTable("big5").decode.values()) if (isHan(c) && set.has(toSimplified(c))) set.add(c);
    common = set;
  }
  return common.has(ch);
}

function isHan(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return cp >= 0x4e00 && cp <= 0x9fff;
}
