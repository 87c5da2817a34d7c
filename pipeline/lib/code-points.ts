const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Converts a UTF-16 index into a code-point index, the offset unit of the published tables. */
export function codePointIndex(text: string, utf16Index: number): number {
  let surrogates = 0;
  for (let i = 0; i < utf16Index; i++) if (isLow(text.charCodeAt(i))) surrogates++;
  return utf16Index - surrogates;
}

/**
 * codePointIndex for many indices into one text: one scan, then constant time per index (an article's evidence
 * spans would otherwise each rescan it from the start). Identity for the usual text without surrogates.
 */
export function codePointIndexer(text: string): (utf16Index: number) => number {
  let first = 0;
  while (first < text.length && !isLow(text.charCodeAt(first))) first++;
  if (first === text.length) return (utf16Index) => utf16Index;
  // before[i]: low surrogates in text[0, i).
  const before = new Uint32Array(text.length + 1);
  for (let i = first; i < text.length; i++) before[i + 1] = before[i]! + (isLow(text.charCodeAt(i)) ? 1 : 0);
  return (utf16Index) => utf16Index - before[utf16Index]!;
}

/** The low half of a surrogate pair: it continues the code point before it rather than starting one. */
const continues = (text: string, i: number) => i > 0 && isLow(text.charCodeAt(i)) && isHigh(text.charCodeAt(i - 1));

/**
 * A string indexed by code points as `[...text]` indexes it (a lone surrogate counts as one), without
 * splitting it into an array of one-character strings: validate indexes tens of thousands of articles.
 */
export class CodePointText {
  readonly length: number;
  /** UTF-16 index of every code point and of the end; null while every code point is one UTF-16 unit. */
  private readonly starts: Uint32Array | null;

  constructor(readonly text: string) {
    let length = 0;
    for (let i = 0; i < text.length; i++) if (!continues(text, i)) length++;
    this.length = length;
    this.starts = null;
    if (length === text.length) return;
    const starts = new Uint32Array(length + 1);
    let k = 0;
    for (let i = 0; i < text.length; i++) if (!continues(text, i)) starts[k++] = i;
    starts[length] = text.length;
    this.starts = starts;
  }

  /** Code points start (inclusive) to end (exclusive), both within 0..length. */
  slice(start: number, end: number): string {
    return this.starts ? this.text.slice(this.starts[start], this.starts[end]) : this.text.slice(start, end);
  }
}
