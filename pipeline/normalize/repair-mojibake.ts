import type { MojibakeSpan } from "../../schemas/normalized-article.ts";
import { isCommonHan } from "../text/is-common-han.ts";
import { encodeLegacy, legacyCodeTable } from "../text/legacy-encoding.ts";
import { findMojibake, isOddChar, type TextSpan } from "./find-mojibake.ts";
import { applyEdits, rawSpan, type Edit, type MappedText } from "../text/mapped-text.ts";

/** A re-decoded stretch must give at least this many frequent characters in a row to count as clearly better. */
const MIN_RUN = 4;
/** Punctuation a recovered stretch may hold between frequent characters, so a comma survives the repair. */
const PUNCT = /[，。、；：？！“”‘’]/;

interface Decoded {
  ch: string;
  byte: number;
}

/** GBK decode that keeps each character's byte offset; a byte that starts no valid pair becomes U+FFFD. */
function decodeGbkWithOffsets(bytes: Uint8Array, from: number): Decoded[] {
  const { decode } = legacyCodeTable("gb18030");
  const out: Decoded[] = [];
  let i = from;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out.push({ ch: String.fromCharCode(b), byte: i });
      i++;
      continue;
    }
    const pair = i + 1 < bytes.length ? decode.get((b << 8) | bytes[i + 1]!) : undefined;
    out.push({ ch: pair ?? "\ufffd", byte: i });
    i += pair ? 2 : 1;
  }
  return out;
}

/**
 * Characters a re-decode works on: two-byte characters other than CJK punctuation and full-width forms.
 * ASCII re-synchronises a GBK reader, U+FFFD stands for bytes already lost, and punctuation and full-width
 * letters change form in later steps, so all of these end a stretch; that keeps the stretches, and so the
 * repair, the same when normalized text is normalized again.
 */
const isStretchChar = (c: number) =>
  c > 0x7f &&
  c !== 0xfffd &&
  !(c >= 0x3000 && c <= 0x303f) &&
  !(c >= 0xff00 && c <= 0xffef) &&
  c !== 0x201c &&
  c !== 0x201d &&
  c !== 0x2018 &&
  c !== 0x2019 &&
  c !== 0x2026 &&
  c !== 0x2014 &&
  c !== 0x00b7;

/** ASCII symbols in the GBK trail-byte range 0x40–0x7E; letters there are taken for text. */
const isTrailSymbol = (c: number) => c === 0x40 || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);

/**
 * Maximal stretches of re-decodable characters that touch a span, each with one following ASCII symbol
 * that is a valid GBK trail byte, because a misread trail byte can look like one (`哔|` → `質`).
 */
function stretchesTouching(text: string, spans: readonly TextSpan[]): TextSpan[] {
  const stretches: TextSpan[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isStretchChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && isStretchChar(text.charCodeAt(j))) j++;
    const end = j < text.length && isTrailSymbol(text.charCodeAt(j)) ? j + 1 : j;
    if (spans.some((s) => s.start < end && i < s.end)) stretches.push({ start: i, end });
    i = j;
  }
  return stretches;
}

/** Re-reads a stretch's GBK bytes one byte later; runs of frequent characters replace mostly odd source characters. */
function redecode(text: string, stretch: TextSpan): Edit[] {
  const chars = text.slice(stretch.start, stretch.end);
  // Only GBK's two-byte codes can have been read a byte off; a stretch with anything else is left alone.
  const { encode } = legacyCodeTable("gb18030");
  if (![...chars].every((c) => c.charCodeAt(0) < 0x80 || encode.has(c))) return [];
  return runsOfFrequent(chars, encodeLegacy(chars, "gb18030")!, stretch.start);
}

function runsOfFrequent(chars: string, bytes: Uint8Array, offset: number): Edit[] {
  // Byte offset at which each source character starts.
  const starts: number[] = [];
  let b = 0;
  for (const ch of chars) {
    starts.push(b);
    b += ch.charCodeAt(0) < 0x80 ? 1 : 2;
  }
  const charAt = (byte: number) => {
    let k = 0;
    while (k + 1 < starts.length && starts[k + 1]! <= byte) k++;
    return k;
  };
  const decoded = decodeGbkWithOffsets(bytes, 1);
  const edits: Edit[] = [];
  let k = 0;
  while (k < decoded.length) {
    let m = k;
    while (m < decoded.length && (isCommonHan(decoded[m]!.ch) || (m > k && PUNCT.test(decoded[m]!.ch)))) m++;
    while (m > k && PUNCT.test(decoded[m - 1]!.ch)) m--;
    if (decoded.slice(k, m).filter((d) => isCommonHan(d.ch)).length >= MIN_RUN) {
      const first = charAt(decoded[k]!.byte);
      const last = charAt(m < decoded.length ? decoded[m]!.byte - 1 : bytes.length - 1);
      const found = chars.slice(first, last + 1);
      const oddShare = [...found].filter((_, n) => isOddChar(chars, first + n)).length / found.length;
      if (oddShare >= 1 / 3) edits.push({ start: offset + first, end: offset + last + 1, insert: decoded.slice(k, m).map((d) => d.ch).join("") });
    }
    k = Math.max(m, k + 1);
  }
  return edits;
}

/**
 * Finds mojibake clusters and re-decodes the stretches that come out clearly better; what stays garbled is
 * returned as `left` (offsets into the output) so extractors can avoid it.
 */
export function repairMojibake(input: MappedText): { text: MappedText; spans: MojibakeSpan[]; left: TextSpan[] } {
  const found = findMojibake(input.text);
  const overlaps = (a: TextSpan, b: TextSpan) => a.start < b.end && b.start < a.end;
  const edits = stretchesTouching(input.text, found)
    .flatMap((stretch) => redecode(input.text, stretch))
    .filter((e) => found.some((span) => overlaps(e, span)));
  const spans: MojibakeSpan[] = [];
  const leftBefore: TextSpan[] = [];
  for (const span of found) {
    const repairs = edits.filter((e) => overlaps(e, span));
    const left: TextSpan[] = [];
    let cursor = span.start;
    for (const r of [...repairs, { start: span.end, end: span.end }]) {
      if (r.start > cursor && /[^\sA-Za-z0-9()]/.test(input.text.slice(cursor, r.start))) left.push({ start: cursor, end: r.start });
      cursor = Math.max(cursor, r.end);
    }
    leftBefore.push(...left);
    const raw = rawSpan(input, span.start, span.end);
    spans.push({
      raw_start: raw.start,
      raw_end: raw.end,
      found: input.text.slice(span.start, span.end),
      action: repairs.length === 0 ? "left" : left.length > 0 ? "partly-repaired" : "repaired",
      repairs: repairs.map((r) => {
        const rr = rawSpan(input, r.start, r.end);
        return { raw_start: rr.start, raw_end: rr.end, found: input.text.slice(r.start, r.end), repaired: r.insert };
      }),
    });
  }
  const text = applyEdits(input, edits);
  return { text, spans, left: leftBefore.map((l) => shiftThrough(edits, l)) };
}

/** Where an untouched stretch of the input lands in the output of non-overlapping edits. */
function shiftThrough(edits: readonly Edit[], span: TextSpan): TextSpan {
  let delta = 0;
  for (const e of edits) if (e.end <= span.start) delta += e.insert.length - (e.end - e.start);
  return { start: span.start + delta, end: span.end + delta };
}
