import type { NormalizedArticle, Part } from "../../schemas/normalized-article.ts";
import { codePointIndexer } from "../lib/code-points.ts";
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
  /** Whether a position is inside the main expected targets paragraph. */
  inHeadline(at: number): boolean;
}

export function articleView(doc: NormalizedArticle): ArticleView {
  const map = fromSegments(doc.text, doc.offset_map);
  const inText = codePointIndexer(doc.text);
  const inRaw = codePointIndexer(doc.raw_text);
  return {
    doc,
    map,
    span(start, end) {
      const raw = rawSpan(map, start, end);
      return { char_start: inText(start), char_end: inText(end), raw_char_start: inRaw(raw.start), raw_char_end: inRaw(raw.end) };
    },
    // Parts are few and in order; a linear look is cheaper than building an index.
    partAt: (at) => doc.parts.find((p) => p.start <= at && at < p.end) ?? null,
    inHeadline: (at) => doc.headline !== null && doc.headline.start <= at && at < doc.headline.end,
  };
}
