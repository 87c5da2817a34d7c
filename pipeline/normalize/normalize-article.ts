import type { NormalizedArticle } from "../../schemas/normalized-article.ts";
import type { IngestRecord } from "../stages/ingest.ts";
import { identity, toSegments } from "./mapped-text.ts";
import { stripPinyin } from "./pinyin.ts";
import { segment } from "./structure.ts";
import { detectScript, toSimplified } from "./to-simplified.ts";
import { collapseWhitespace, normalizeWidth } from "./width.ts";

/** Pure: decoded raw text in, normalized article with structure and an offset map back to the raw text out. */
export function normalizeArticle(record: IngestRecord, rawText: string): NormalizedArticle {
  const pinyin = stripPinyin(identity(rawText));
  const cleaned = collapseWhitespace(normalizeWidth(pinyin.text));
  const simplified = toSimplified(cleaned);
  const text = simplified.text;
  const { title, blocks, sentences } = segment(text);
  return {
    ...record,
    original_script: detectScript(cleaned.text),
    raw_text: rawText,
    original_text: cleaned.text,
    text,
    title,
    blocks,
    sentences,
    unreliable: [],
    offset_map: toSegments(simplified),
    quality: { pinyin_removed: pinyin.removed },
  };
}
