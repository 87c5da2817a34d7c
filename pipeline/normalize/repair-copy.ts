import { applyEdits, replaceAll, type Edit, type MappedText } from "../text/mapped-text.ts";
import { INVISIBLE_CHAR } from "../text/invisible.ts";

/**
 * Repairs for texts copied out of web pages, wikis, docx files and newspaper layouts, made before lines and
 * sentences are judged. Each is a list of edits on the mapped text, so every character still points at raw.
 */

/** Ends a sentence or clause: a line break after one of these is a real break. */
const SENTENCE_FINAL = new Set([..."。！？；：!?;:…"]);
const lastVisible = (text: string, before: number) => {
  let i = before - 1;
  while (i >= 0 && /[^\S\n]/u.test(text[i]!)) i--;
  return i >= 0 ? text[i]! : "\n";
};

// A line holding nothing but invisible characters between two lines of one sentence is a page join (\n\u200b\n).
const PAGE_JOIN = /\n[^\S\n]*(?:[\u200b-\u200d\u2060\ufeff\f][^\S\n]*)+\n/gu;
/** Every invisible character but tab, the line breaks and the form feed, which the whitespace rules read. */
const INVISIBLE = new RegExp(`(?![\\t\\n\\f\\r\\u0085])${INVISIBLE_CHAR}`, "gu");

/** Zero-width and control characters out; a page join inside a sentence closes up, one after a sentence becomes a line break. */
export function removeInvisible(input: MappedText): MappedText {
  const joined = replaceAll(input, PAGE_JOIN, (m) => (SENTENCE_FINAL.has(lastVisible(input.text, m.index)) ? "\n" : ""));
  return replaceAll(joined, INVISIBLE, () => "");
}

const ENTITIES: Record<string, string> = {
  nbsp: " ", ensp: " ", emsp: " ", thinsp: " ", amp: "&", lt: "<", gt: ">", quot: '"', apos: "'",
  ldquo: "“", rdquo: "”", lsquo: "‘", rsquo: "’", mdash: "—", ndash: "–", hellip: "…", middot: "·",
  times: "×", divide: "÷", yen: "¥", deg: "°", plusmn: "±", le: "≤", ge: "≥", permil: "‰",
};
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/gu;
/** Tags that end a block of text, and inline tags that only style it: only these names, so 比重<5% stays text. */
const BLOCK_NAMES = "p|div|br|li|ul|ol|tr|table|h[1-6]|section|article|blockquote|hr|body|header|footer|nav|main|title";
const BLOCK_TAG = new RegExp(`<\\/?(?:${BLOCK_NAMES})\\b[^<>]{0,300}>`, "giu");
const INLINE_TAG = /<\/?(?:a|b|i|u|em|strong|span|font|img|sup|sub|small|big|center|td|th|tbody|thead|o:p|st1:[a-z]+)\b[^<>]{0,300}>|<!--[^]{0,2000}?-->/giu;
/** A saved web page rather than a copy of its text: there every tag is markup, whatever its name. */
const HTML_DOCUMENT = /<!doctype\s+html|<html[\s>]/iu;
const IS_BLOCK_TAG = new RegExp(`^<\\/?(?:${BLOCK_NAMES})\\b`, "iu");
const ANY_TAG = /<!--[^]{0,2000}?-->|<[!?][^<>]{0,300}>|<\/?[a-z][a-z0-9:-]*\b[^<>]{0,300}>/giu;
/** Elements of a page that hold no text a reader sees. */
const HIDDEN_OPEN = /<(head|script|style|noscript|template)\b[^<>]{0,300}>/giu;

/**
 * A page's hidden elements, each from its opening tag through its closing one. Each search for a closing tag starts
 * past the element before, so the page is read once; an element never closed is left to the tag rule.
 */
function dropHidden(input: MappedText): MappedText {
  const edits: Edit[] = [];
  const unclosed = new Set<string>();
  for (const open of input.text.matchAll(HIDDEN_OPEN)) {
    const name = open[1]!.toLowerCase();
    if (unclosed.has(name) || open.index < (edits.at(-1)?.end ?? 0)) continue;
    const close = new RegExp(`</${name}\\s*>`, "giu");
    close.lastIndex = open.index + open[0].length;
    const found = close.exec(input.text);
    if (found) edits.push({ start: open.index, end: found.index + found[0].length, insert: "" });
    else unclosed.add(name);
  }
  return applyEdits(input, edits);
}
/** \r\n and \n written out as two characters, as JSON dumps and scraped pages leave them. */
const LITERAL_BREAK = /\\r\\n|\\n|\\r/gu;
/**
 * Markdown escapes (\#, \*, \-) of a converter: the backslashes go, the character stays. A whole run goes, so
 * that an escaped backslash before one (\\>) leaves no new escape behind for a second pass.
 */
const MARKDOWN_ESCAPE = /\\+(?=[#*_\-+.!\[\]()`>|~])/gu;

const codePoint = (n: number) => (n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff) ? String.fromCodePoint(n) : "");

/**
 * HTML tags and character entities, literal \n escapes and markdown escapes, as a browser or a renderer would show
 * them; a whole saved page also loses its head, scripts and styles, and every other tag.
 */
export function decodeMarkup(input: MappedText): MappedText {
  const page = HTML_DOCUMENT.test(input.text) ? replaceAll(dropHidden(input), ANY_TAG, (m) => (IS_BLOCK_TAG.test(m[0]) ? "\n" : "")) : input;
  const breaks = replaceAll(replaceAll(page, LITERAL_BREAK, () => "\n"), BLOCK_TAG, () => "\n");
  const inline = replaceAll(breaks, INLINE_TAG, () => "");
  const entities = replaceAll(inline, ENTITY, (m) => (m[1] ? codePoint(Number(m[1])) : m[2] ? codePoint(parseInt(m[2], 16)) : (ENTITIES[m[3]!.toLowerCase()] ?? m[0])));
  return replaceAll(entities, MARKDOWN_ESCAPE, () => "");
}

/**
 * Footnote references whose notes the copy lost: [1]…[999] after a word or closing mark, and （19） right after a
 * character and before punctuation (a numbered list item opens a clause instead: ：（1）, line start).
 */
const FOOTNOTE = /(?<=[\p{Script=Han}\p{L}”’」』》）)%])[［\[]\d{1,3}[］\]]|(?<=[\p{Script=Han}”’」』》])[（(]\d{1,3}[）)](?=[，。；、：！？,.;:”’」』]|$)/gmu;

export function dropFootnoteMarkers(input: MappedText): MappedText {
  return replaceAll(input, FOOTNOTE, () => "");
}

const PAGE_MARK = "[（(][^\\S\\n]*(?:下转|转|上接|接)第?[\\d一二三四五六七八九十]+版[^\\S\\n]*[）)]";
/** A newspaper jump: (下转第3版), the running headers of the next page, (上接第1版); or a lone jump mark. */
const PAGE_JUMP = new RegExp(`${PAGE_MARK}(?:[^\\S\\n]*\\n(?:[^\\n]{0,24}\\n)*?[^\\S\\n]*${PAGE_MARK})?`, "gu");

/** Jump marks and the page headers between them out; the sentence they cut closes up again. */
export function joinPageJumps(input: MappedText): MappedText {
  return replaceAll(input, PAGE_JUMP, (m) => (m[0].includes("\n") && SENTENCE_FINAL.has(lastVisible(input.text, m.index)) ? "\n" : ""));
}

/** A line of single characters set apart for display: 政 府 工 作 报 告. */
const LETTER_SPACED = /^[^\S\n]*(?:\p{Script=Han}[^\S\n]+){2,}\p{Script=Han}[^\S\n]*$/gmu;

/** Letter-spaced header lines written solid (政府工作报告), so they read as the words they are. */
export function closeLetterSpacing(input: MappedText): MappedText {
  const edits: Edit[] = [];
  for (const m of input.text.matchAll(LETTER_SPACED)) {
    const start = m.index + m[0].search(/\p{Script=Han}/u);
    for (const gap of m[0].slice(start - m.index).matchAll(/[^\S\n]+/gu)) {
      const at = start + gap.index;
      if (at + gap[0].length < m.index + m[0].trimEnd().length) edits.push({ start: at, end: at + gap[0].length, insert: "" });
    }
  }
  return applyEdits(input, edits);
}

const OPENERS = new Set([..."《“‘「『（([【"]);
const CLOSERS = new Set([..."》”’」』）)]】，、。；：！？%％,;:"]);
/** What a wiki or docx export splits out of a word onto a line of its own: the 2 of M2, the 2.5 of PM2.5. */
const FRAGMENT = /^[A-Za-z0-9.]{1,4}$/u;
const HEADING_START = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．]\D|[◎■●◆▲★☆□○]|——)/u;

/**
 * Line breaks inside a sentence, where the line cannot end: after an opening bracket or quote, a comma or 、,
 * inside a number, or around a fragment split out of a word; or before a closing bracket or punctuation. Lines
 * are compared after whitespace is collapsed, so no blank line stands between them.
 */
export function joinBrokenLines(input: MappedText): MappedText {
  const { text } = input;
  const lines: Array<{ start: number; end: number }> = [];
  for (let start = 0; start <= text.length; ) {
    const end = text.indexOf("\n", start);
    lines.push({ start, end: end < 0 ? text.length : end });
    if (end < 0) break;
    start = end + 1;
  }
  const edits: Edit[] = [];
  const line = (i: number) => text.slice(lines[i]!.start, lines[i]!.end);
  for (let i = 0; i + 1 < lines.length; i++) {
    const here = line(i);
    const next = line(i + 1);
    if (here === "" || next === "") continue;
    const last = here.at(-1)!;
    const first = next[0]!;
    const join =
      OPENERS.has(last) ||
      last === "，" ||
      last === "," ||
      last === "、" ||
      CLOSERS.has(first) ||
      (/[\d.]/u.test(last) && /^[\d.%％万亿千百]/u.test(next)) ||
      (FRAGMENT.test(next) && /[A-Za-z（(]/u.test(last)) ||
      (FRAGMENT.test(here) && i > 0 && edits.at(-1)?.start === lines[i - 1]!.end && !HEADING_START.test(next));
    if (join) edits.push({ start: lines[i]!.end, end: lines[i]!.end + 1, insert: "" });
  }
  return applyEdits(input, edits);
}
