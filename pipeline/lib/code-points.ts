/** Converts a UTF-16 index into a code-point index, the offset unit of the published tables. */
export function codePointIndex(text: string, utf16Index: number): number {
  let surrogates = 0;
  for (let i = 0; i < utf16Index; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) surrogates++;
  }
  return utf16Index - surrogates;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
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
