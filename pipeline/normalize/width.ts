import { replaceAll, type MappedText } from "./mapped-text.ts";

const FULLWIDTH_ALNUM = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0e]/g;
const HAN = "[\\u3400-\\u9fff\\u3000-\\u303f\\uff01-\\uff5e“”‘’]";
const ASCII_PUNCT_IN_CJK = new RegExp(`(?<=${HAN})[,:;?!](?=${HAN}|\\s*$)`, "gm");
const FULL: Record<string, string> = { ",": "，", ":": "：", ";": "；", "?": "？", "!": "！" };

/** Full-width digits, letters, % and . to ASCII (what NFKC does for them); ASCII ,:;?! between Han to full width. */
export function normalizeWidth(input: MappedText): MappedText {
  const ascii = replaceAll(input, FULLWIDTH_ALNUM, (m) => m[0].normalize("NFKC"));
  return replaceAll(ascii, ASCII_PUNCT_IN_CJK, (m) => FULL[m[0]]!);
}

/** Line endings to \n, indentation and trailing blanks removed, runs of blank lines folded to one. */
export function collapseWhitespace(input: MappedText): MappedText {
  const lf = replaceAll(input, /\r\n?/g, () => "\n");
  const trimmed = replaceAll(lf, /^[ \t\u3000\u00a0]+|[ \t\u3000\u00a0]+$/gm, () => "");
  return replaceAll(trimmed, /\n{3,}/g, () => "\n\n");
}
