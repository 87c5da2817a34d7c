import { z } from "zod";
import { column, defineTable, hexId } from "./column.ts";
import { ThemeCode } from "./theme-codebook.ts";

export const ThemeRow = z.object({
  article_id: column(hexId(16), { description: "Article the score is for.", examples: ["5b0e8f2d6c1a9e47"] }),
  district_id: column(z.string().nullable(), { description: "Subject district of the article; empty when unresolved.", examples: ["441302"] }),
  theme_code: column(ThemeCode, { description: "Theme code from the codebook.", examples: ["education"], categorical: true }),
  term_count: column(z.number().int().positive(), { description: "Lexicon term matches in the article.", examples: [7] }),
  sentence_count: column(z.number().int().positive(), { description: "Sentences that mention the theme.", examples: [4] }),
  sentence_share: column(z.number().min(0).max(1), { description: "Share of the article's sentences that mention the theme.", examples: [0.08] }),
  weight: column(z.number().min(0).max(1), { description: "Length-independent theme weight; an article's weights sum to 1.", examples: [0.21] }),
  rank: column(z.number().int().positive(), { description: "Rank of the theme within the article by weight, 1 = strongest.", examples: [1] }),
  top_terms: column(z.string(), { description: "Most frequent matched terms, |-separated, most frequent first.", examples: ["学位|教师"] }),
  evidence_sentence_ids: column(z.string(), { description: "Sentence ids that carry the theme most strongly, |-separated.", examples: ["s12|s13"] }),
});
export type ThemeRow = z.infer<typeof ThemeRow>;

export const themesTable = defineTable({
  name: "themes",
  title: "Themes",
  description: "Evidence-backed theme scores per article; a theme with no evidence has no row.",
  schema: ThemeRow,
  primaryKey: ["article_id", "theme_code"],
  foreignKeys: [
    { fields: ["article_id"], reference: { resource: "articles", fields: ["article_id"] } },
    { fields: ["district_id"], reference: { resource: "districts", fields: ["district_id"] } },
    { fields: ["theme_code"], reference: { resource: "theme_codebook", fields: ["theme_code"] } },
  ],
});
