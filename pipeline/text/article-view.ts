import type { NormalizedArticle, Part } from "../../schemas/normalized-article.ts";
import { codePointIndexer } from "../lib/code-points.ts";
import { firstIndex } from "../lib/first-index.ts";
import { fromSegments, rawSpan, type MappedText } from "./mapped-text.ts";

/** A span of the normalized text as published: code points into the text, and into the raw decoded text. */
export interface PublishedSpan {
  char_start: number;
  char_end: number;
  raw_char_start: number;
  raw_char_end: number;
}

/**
 * What every extractor reads of one normalized article, built once: the article, its offset map to raw, and
 * lookups of the part a position stands in. Extractors never rebuild the map or scan the text for offsets.
 */
export interface ArticleView {
  doc: NormalizedArticle;
  /** The normalized text mapped to raw characters. */
  map: MappedText;
  /** Published offsets of a span given in UTF-16 units of the normalized text. */
  span(start: number, end: number): PublishedSpan;
  /** The part a normalized-text position stands in, or null (before the first part, or no parts). */
  partAt(at: number): Part | null;
  /** Whether [start, end) of the normalized text overlaps a span normalize marked unreliable (unrepaired mojibake). */
  unreliable(start: number, end: number): boolean;
  /** Whether a position is inside the main expected targets paragraph. */
  inHeadline(at: number): boolean;
}

export function articleView(doc: NormalizedArticle): ArticleView {
  const map = fromSegments(doc.text, doc.offset_map);
  const inText = codePointIndexer(doc.text);
  const inRaw = codePointIndexer(doc.raw_text);
  // marked[i]: characters of text[0, i) inside an unreliable span, so an overlap test costs two lookups.
  const inside = new Uint8Array(doc.text.length);
  for (const u of doc.unreliable) inside.fill(1, u.start, u.end);
  const marked = new Uint32Array(doc.text.length + 1);
  for (let i = 0; i < inside.length; i++) marked[i + 1] = marked[i]! + inside[i]!;
  return {
    doc,
    map,
    span(start, end) {
      const raw = rawSpan(map, start, end);
      return { char_start: inText(start), char_end: inText(end), raw_char_start: inRaw(raw.start), raw_char_end: inRaw(raw.end) };
    },
    partAt: (at) => {
      // Parts are in order and do not overlap: the last one starting at or before `at`, if it reaches it.
      const part = doc.parts[firstIndex(doc.parts.length, (i) => doc.parts[i]!.start > at) - 1];
      return part && at < part.end ? part : null;
    },
    unreliable: (start, end) => marked[end]! - marked[start]! > 0,
    inHeadline: (at) => doc.headline !== null && doc.headline.start <= at && at < doc.headline.end,
  };
}
