import type { Block, Sentence } from "../../schemas/normalized-article.ts";
import { CLOSE_QUOTES, CLOSERS, COLONS, COMMAS, OPEN_QUOTES, SEMICOLONS, STOPS, charClass, isOneOf } from "../text/punctuation.ts";
import layout from "./structure.json" with { type: "json" };

const HEADING_MARK = /^(?:[◎■●◆▲★☆□○]|[一二三四五六七八九十]+、|\d{1,2}[、.．](?!\d)|[（(][一二三四五六七八九十]+[）)])/;
// A sentence ends at a full-width stop or semicolon (normalize has made ASCII ones full-width before this).
const SENTENCE_END = new RegExp(charClass(STOPS.slice(0, 3), SEMICOLONS[0]!), "u");
/** The sentence splitter reads every character, so its classes are code comparisons, not regular expressions. */
const isSentenceEnd = isOneOf(STOPS.slice(0, 3), SEMICOLONS[0]!);
const isCloser = isOneOf(CLOSERS);
const isOpenQuote = isOneOf(OPEN_QUOTES);
const isCloseQuote = isOneOf(CLOSE_QUOTES);
const isClauseEnd = isOneOf(COMMAS, SEMICOLONS, COLONS, "、");
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
/** An unbalanced quote must not swallow the rest of a paragraph: past this length a quote no longer holds a split. */
const MAX_QUOTE = 150;
const LABELS = new Set(layout.labels);

/** A short line without sentence-final punctuation, a section label, or a marked line (◎, 一、) that is one short clause. */
export function isHeading(line: string): boolean {
  if (line.length === 0) return false;
  if (LABELS.has(line)) return true;
  if (HEADING_MARK.test(line) && line.length <= layout.max_marked_heading && !/[。；]/.test(line.slice(0, -1))) return true;
  return line.length <= layout.max_heading && !/[。！？；，：]$/.test(line) && !/[。；]/.test(line);
}

/** The first line titles the article only when it reads like a headline: short, no full stop, not a label. */
function isTitle(line: string): boolean {
  return line.length <= layout.max_title && !/[。！？]/.test(line) && !LABELS.has(line);
}

/**
 * Splits after 。！？；, keeping closing quotes and brackets with their sentence; a stop inside a quotation
 * does not end the sentence that quotes it. A line break always ends one.
 */
export function splitSentences(text: string, from: number, to: number): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  // Whether a closing quote follows position i is then one comparison, not a scan of the rest of the block.
  let lastClose = to - 1;
  while (lastClose >= from && !isCloseQuote(text.charCodeAt(lastClose))) lastClose--;
  let start = from;
  let quoteFrom = -1;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isOpenQuote(c)) quoteFrom = quoteFrom === -1 ? i : quoteFrom;
    else if (isCloseQuote(c)) quoteFrom = -1;
    if (!isSentenceEnd(c)) continue;
    if (quoteFrom !== -1 && i - quoteFrom <= MAX_QUOTE && lastClose > i) continue;
    let end = i + 1;
    while (end < to && isCloser(text.charCodeAt(end))) end++;
    spans.push({ start, end });
    start = end;
    quoteFrom = -1;
    i = end - 1;
  }
  if (start < to && text.slice(start, to).trim().length > 0) spans.push({ start, end: to });
  return capLengths(text, spans);
}

/**
 * Runs longer than a sentence can be (layout.max_sentence), cut after their last clause mark in the second half of
 * the limit, else at the limit (never inside a surrogate pair).
 */
function capLengths(text: string, spans: ReadonlyArray<{ start: number; end: number }>): Array<{ start: number; end: number }> {
  const max = layout.max_sentence;
  const capped: Array<{ start: number; end: number }> = [];
  for (const { start, end } of spans) {
    let from = start;
    while (end - from > max) {
      let cut = from + max;
      while (cut > from + max / 2 && !isClauseEnd(text.charCodeAt(cut - 1))) cut--;
      if (cut <= from + max / 2) cut = from + max - (isLowSurrogate(text.charCodeAt(from + max)) ? 1 : 0);
      capped.push({ start: from, end: cut });
      from = cut;
    }
    capped.push({ start: from, end });
  }
  return capped;
}

/**
 * A long paragraph opening with a numbering mark and a short first sentence (`一、把棚改机遇转换为经济发展的新动力。…`)
 * is a section heading run into its first paragraph: the first sentence becomes a heading block of its own,
 * so section context reaches the sentences after it. Returns where that heading ends, or -1.
 */
function leadHeadingEnd(line: string): number {
  if (!HEADING_MARK.test(line)) return -1;
  const stop = line.search(SENTENCE_END);
  return stop > 0 && stop + 1 <= layout.max_marked_heading && stop + 1 < line.length ? stop + 1 : -1;
}

/** Blocks (title, headings, paragraphs) and their sentences, with offsets into text. */
export function segment(text: string): { title: string; blocks: Block[]; sentences: Sentence[] } {
  const blocks: Block[] = [];
  const sentences: Sentence[] = [];
  const push = (kind: Block["kind"], start: number, end: number) => {
    const id = `b${blocks.length + 1}`;
    blocks.push({ id, kind, start, end });
    for (const span of splitSentences(text, start, end)) sentences.push({ id: `s${sentences.length + 1}`, block_id: id, ...span });
  };
  let offset = 0;
  for (const line of text.split("\n")) {
    const start = offset;
    offset += line.length + 1;
    if (line.trim().length === 0) continue;
    const end = start + line.length;
    const lead = leadHeadingEnd(line);
    if (blocks.length === 0 && isTitle(line)) push("title", start, end);
    else if (lead > 0) {
      push("heading", start, start + lead);
      push("paragraph", start + lead, end);
    } else push(isHeading(line) ? "heading" : "paragraph", start, end);
  }
  const first = blocks[0];
  return { title: first?.kind === "title" ? text.slice(first.start, first.end) : "", blocks, sentences };
}
