import { z } from "zod";

/** Build-internal: what normalize writes per article and every extractor reads. Not published. */

export const Span = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });

export const Block = Span.extend({
  id: z.string(),
  kind: z.enum(["title", "heading", "paragraph"]),
});
export type Block = z.infer<typeof Block>;

export const Sentence = Span.extend({
  id: z.string(),
  block_id: z.string(),
});
export type Sentence = z.infer<typeof Sentence>;

/** A run of normalized characters [n, n+len) that came from raw [r, rEnd): one to one when linear. */
export const MapSegment = z.tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int(), z.union([z.literal(0), z.literal(1)])]);
export type MapSegment = z.infer<typeof MapSegment>;

export const NormalizedArticle = z.object({
  article_id: z.string(),
  source_file: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  encoding: z.string(),
  encoding_confidence: z.number(),
  original_script: z.enum(["traditional", "simplified", "mixed"]),
  raw_text: z.string(),
  original_text: z.string(),
  text: z.string(),
  title: z.string(),
  blocks: z.array(Block),
  sentences: z.array(Sentence),
  /** Spans of `text` that must not yield facts (unrepaired mojibake). */
  unreliable: z.array(Span),
  offset_map: z.array(MapSegment),
  quality: z.object({
    pinyin_removed: z.number().int(),
  }),
});
export type NormalizedArticle = z.infer<typeof NormalizedArticle>;
