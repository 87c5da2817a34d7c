import type { Block, Sentence } from "../../schemas/normalized-article.ts";

const HEADING_MARK = /^(?:[◎■●◆▲★☆□○]|[一二三四五六七八九十]+、|\d{1,2}[、.．]|（[一二三四五六七八九十]+）)/;
const SENTENCE_END = /[。！？；]/;
const CLOSERS = /[”’」』）)]/;

/** A short line without sentence-final punctuation, or one that starts with a heading mark. */
export function isHeading(line: string): boolean {
  if (line.length === 0) return false;
  if (HEADING_MARK.test(line) && line.length <= 40 && !/[。；]/.test(line.slice(0, -1))) return true;
  return line.length <= 30 && !/[。！？；，：]$/.test(line) && !/[。；]/.test(line);
}

/** Splits after 。！？；, keeping closing quotes with their sentence; a line break always ends one. */
export function splitSentences(text: string, from: number, to: number): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  let start = from;
  for (let i = from; i < to; i++) {
    if (!SENTENCE_END.test(text[i]!)) continue;
    let end = i + 1;
    while (end < to && CLOSERS.test(text[end]!)) end++;
    spans.push({ start, end });
    start = end;
    i = end - 1;
  }
  if (start < to && text.slice(start, to).trim().length > 0) spans.push({ start, end: to });
  return spans;
}

/** Blocks (one per non-empty line: the first is the title) and their sentences, with offsets into text. */
export function segment(text: string): { title: string; blocks: Block[]; sentences: Sentence[] } {
  const blocks: Block[] = [];
  const sentences: Sentence[] = [];
  let offset = 0;
  for (const line of text.split("\n")) {
    const start = offset;
    offset += line.length + 1;
    if (line.trim().length === 0) continue;
    const id = `b${blocks.length + 1}`;
    const kind = blocks.length === 0 ? "title" : isHeading(line) ? "heading" : "paragraph";
    blocks.push({ id, kind, start, end: start + line.length });
    for (const span of splitSentences(text, start, start + line.length)) {
      sentences.push({ id: `s${sentences.length + 1}`, block_id: id, ...span });
    }
  }
  const first = blocks[0];
  return { title: first ? text.slice(first.start, first.end) : "", blocks, sentences };
}
