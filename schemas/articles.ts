import { z } from "zod";
import { column, defineTable, hexId, isoDate } from "./column.ts";

export const ArticleRow = z.object({
  article_id: column(hexId(16), {
    description: "Stable article identifier: the first 16 hex digits of the SHA-256 of the decoded text, so re-encoding a file does not change it.",
    examples: ["5b0e8f2d6c1a9e47"],
  }),
  source_file: column(z.string().min(1), {
    description: "File name of the raw article inside the raw folder.",
    examples: ["000_e1e52134b2e74e7e.txt"],
  }),
  bytes: column(z.number().int().nonnegative(), { description: "Size of the raw file.", unit: "byte", examples: [5444] }),
  sha256: column(hexId(64), { description: "SHA-256 of the raw file's bytes.", examples: ["90e60d3f92b80d02732af30380a6f8728b7d6ef712eab926a6b170aacae7c23e"] }),
  encoding: column(z.enum(["utf-8", "utf-8-bom", "utf-16le", "utf-16be", "gb18030", "big5"]), {
    description: "Character encoding detected in the raw bytes.",
    examples: ["utf-8"],
    categorical: true,
  }),
  encoding_confidence: column(z.number().min(0).max(1), {
    description: "Confidence of the encoding detection: 1 for a byte-order mark or the only clean decode, lower when several decodes scored close.",
    examples: [1],
  }),
  original_script: column(z.enum(["traditional", "simplified", "mixed"]), {
    description: "Chinese script the article was written in, before conversion to Simplified.",
    examples: ["traditional"],
    categorical: true,
  }),
  title: column(z.string(), { description: "Article title (first content line), in Simplified script.", examples: ["源城区第八次党代会明确新阶段工作重点"] }),
  char_count: column(z.number().int().nonnegative(), { description: "Length of the normalized text.", unit: "character", examples: [4873] }),
  paragraph_count: column(z.number().int().nonnegative(), { description: "Paragraphs in the normalized text, headings included.", examples: [24] }),
  sentence_count: column(z.number().int().nonnegative(), { description: "Sentences in the normalized text.", examples: [118] }),
  pinyin_removed: column(z.number().int().nonnegative(), { description: "Pinyin annotations such as 實(shí) removed during normalization.", examples: [0] }),
});
export type ArticleRow = z.infer<typeof ArticleRow>;

export const articlesTable = defineTable({
  name: "articles",
  title: "Articles",
  description: "One row per source article accepted by ingest: provenance, encoding, script and normalization counts.",
  schema: ArticleRow,
  primaryKey: ["article_id"],
  foreignKeys: [],
});
