import type { MapSegment } from "../../schemas/normalized-article.ts";

/**
 * Text that remembers, for every character, the span of the raw text it came from.
 * Each normalization step is a list of edits; composing them keeps the map exact.
 */
export interface MappedText {
  text: string;
  /** start[i]..end[i] is the raw span behind text[i]. */
  start: Int32Array;
  end: Int32Array;
}

export interface Edit {
  start: number;
  end: number;
  insert: string;
}

export function identity(text: string): MappedText {
  const start = new Int32Array(text.length);
  const end = new Int32Array(text.length);
  for (let i = 0; i < text.length; i++) {
    start[i] = i;
    end[i] = i + 1;
  }
  return { text, start, end };
}

/** Applies non-overlapping edits; inserted characters map to the raw span of what they replace. */
export function applyEdits(source: MappedText, edits: readonly Edit[]): MappedText {
  if (edits.length === 0) return source;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let length = source.text.length;
  for (const e of sorted) length += e.insert.length - (e.end - e.start);
  const start = new Int32Array(length);
  const end = new Int32Array(length);
  let out = 0;
  let cursor = 0;
  const copy = (from: number, to: number) => {
    parts.push(source.text.slice(from, to));
    start.set(source.start.subarray(from, to), out);
    end.set(source.end.subarray(from, to), out);
    out += to - from;
  };
  for (const e of sorted) {
    if (e.start < cursor || e.end < e.start || e.end > source.text.length) {
      throw new Error(`overlapping or out-of-range edit ${e.start}-${e.end}`);
    }
    copy(cursor, e.start);
    const rawStart = e.end > e.start ? source.start[e.start]! : e.start > 0 ? source.end[e.start - 1]! : 0;
    const rawEnd = e.end > e.start ? source.end[e.end - 1]! : rawStart;
    parts.push(e.insert);
    for (let k = 0; k < e.insert.length; k++) {
      start[out] = rawStart;
      end[out] = rawEnd;
      out++;
    }
    cursor = e.end;
  }
  copy(cursor, source.text.length);
  return { text: parts.join(""), start, end };
}

/** Edits for every match of a global pattern; `replace` returns the new text for a match. */
export function replaceAll(source: MappedText, pattern: RegExp, replace: (match: RegExpExecArray) => string): MappedText {
  if (!pattern.global) throw new Error("replaceAll needs a global pattern");
  const edits: Edit[] = [];
  for (const match of source.text.matchAll(pattern)) {
    const insert = replace(match as RegExpExecArray);
    if (insert !== match[0]) edits.push({ start: match.index, end: match.index + match[0].length, insert });
  }
  return applyEdits(source, edits);
}

/** Raw span behind the normalized span [from, to). */
export function rawSpan(map: Pick<MappedText, "start" | "end">, from: number, to: number): { start: number; end: number } {
  if (to <= from) {
    const at = from < map.start.length ? map.start[from]! : from > 0 ? map.end[from - 1]! : 0;
    return { start: at, end: at };
  }
  let start = map.start[from]!;
  let end = map.end[to - 1]!;
  for (let i = from; i < to; i++) {
    if (map.start[i]! < start) start = map.start[i]!;
    if (map.end[i]! > end) end = map.end[i]!;
  }
  return { start, end };
}

/** Compact form for storage: runs that map one to one become a single segment. */
export function toSegments(map: MappedText): MapSegment[] {
  const segments: MapSegment[] = [];
  const n = map.text.length;
  let i = 0;
  while (i < n) {
    const s = map.start[i]!;
    const e = map.end[i]!;
    let j = i + 1;
    if (e === s + 1) {
      while (j < n && map.start[j] === s + (j - i) && map.end[j] === s + (j - i) + 1) j++;
      segments.push([i, j - i, s, s + (j - i), 1]);
    } else {
      while (j < n && map.start[j] === s && map.end[j] === e) j++;
      segments.push([i, j - i, s, e, 0]);
    }
    i = j;
  }
  return segments;
}

export function fromSegments(text: string, segments: readonly MapSegment[]): MappedText {
  const start = new Int32Array(text.length);
  const end = new Int32Array(text.length);
  for (const [n, len, r, rEnd, linear] of segments) {
    for (let k = 0; k < len; k++) {
      start[n + k] = linear ? r + k : r;
      end[n + k] = linear ? r + k + 1 : rEnd;
    }
  }
  return { text, start, end };
}

/** The normalized span whose characters came from raw [rawStart, rawEnd); null when none did. */
export function spanOfRaw(map: Pick<MappedText, "start" | "end">, rawStart: number, rawEnd: number): { start: number; end: number } | null {
  let start = -1;
  let end = -1;
  for (let i = 0; i < map.start.length; i++) {
    if (map.start[i]! < rawEnd && map.end[i]! > rawStart) {
      if (start === -1) start = i;
      end = i + 1;
    }
  }
  return start === -1 ? null : { start, end };
}
