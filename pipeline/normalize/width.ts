import { replaceAll, type MappedText } from "../text/mapped-text.ts";

// Digits, letters, % . and the signs that join numbers (－ ～ ＋ ＜ ＝ ＞): 6％－6.5％ is one range, as 6%-6.5% is.
const FULLWIDTH_ALNUM = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0e\uff0b\uff0d\uff5e\uff1c-\uff1e]/g;
// Script=Han, not a BMP range: compatibility ideographs beyond it turn into ordinary Han in to-simplified.
const HAN = "[\\p{Script=Han}\\u3000-\\u303f\\uff01-\\uff5e“”‘’]";
// Lookbehind after the punctuation mark, not before it, so the engine can skip ahead to each candidate.
const ASCII_PUNCT_IN_CJK = new RegExp(`[,:;?!](?<=${HAN}[,:;?!])(?=${HAN}|\\s*$)`, "gmu");
const FULL: Record<string, string> = { ",": "，", ":": "：", ";": "；", "?": "？", "!": "！" };

/** Full-width digits, letters, % . and number signs to ASCII, what NFKC does for them. */
export function toAsciiAlnum(input: MappedText): MappedText {
  return replaceAll(input, FULLWIDTH_ALNUM, (m) => m[0].normalize("NFKC"));
}

/** ASCII ,:;?! between Han (or before a line end) to their full-width forms. */
export function toFullWidthPunctuation(input: MappedText): MappedText {
  return replaceAll(input, ASCII_PUNCT_IN_CJK, (m) => FULL[m[0]]!);
}

const BLANK_RUN = /(?<![^\S\n])[^\S\n]+/g;
/** Full-width punctuation that carries its own spacing. */
const SPACED_PUNCTUATION = /[\u3001\u3002\uff0c\uff1a\uff1b\uff01\uff1f]/;

/**
 * Line endings to \n; indentation, trailing blanks and blanks around full-width punctuation (which carries
 * its own spacing) removed; other runs of blanks to one space; blank lines folded to one, none at the ends.
 */
export function collapseWhitespace(input: MappedText): MappedText {
  const lf = replaceAll(input, /\r\n?|[\u2028\u2029\u0085]/g, () => "\n");
  // Each run of blanks is matched once, from its first blank (a pattern anchored at the line end would be tried
  // from every blank of a run, quadratic in its length), and goes when it touches a line end or such punctuation.
  const trimmed = replaceAll(lf, BLANK_RUN, (m) => {
    const [before, after] = [lf.text[m.index - 1] ?? "\n", lf.text[m.index + m[0].length] ?? "\n"];
    return before === "\n" || after === "\n" || SPACED_PUNCTUATION.test(before) || SPACED_PUNCTUATION.test(after) ? "" : m[0];
  });
  const single = replaceAll(trimmed, /[^\S\n]{2,}|[\t\u3000\u00a0\u1680\u2000-\u200a\u202f\u205f\v\f]/g, () => " ");
  return replaceAll(single, /^\n+|\n+$|\n{3,}/g, (m) => (m.index === 0 || m.index + m[0].length === single.text.length ? "" : "\n\n"));
}

/** Both width rules, for text that did not come through the normalize stage. */
export function normalizeWidth(input: MappedText): MappedText {
  return toFullWidthPunctuation(toAsciiAlnum(input));
}
