import { z } from "zod";
import { column, defineTable, hexId } from "./column.ts";
import { ThemeCode } from "./theme-codebook.ts";

/** |-separated "start-end" code-point spans. */
const spanList = z.string().regex(/^\d+-\d+(\|\d+-\d+)*$/);

export const ThemeRow = z.object({
  article_id: column(hexId(16), { description: "Article the score is for.", examples: ["5b0e8f2d6c1a9e47"] }),
  district_id: column(z.string().nullable(), { description: "Subject district of the article; empty when unresolved.", examples: ["441302"] }),
  theme_code: column(ThemeCode, { description: "Theme code from the codebook.", examples: ["education"], categorical: true }),
  term_count: column(z.number().int().positive(), { description: "Lexicon term matches in the article's reliable sentences, counted on whole tokens.", examples: [7] }),
  sentence_count: column(z.number().int().positive(), { description: "Sentences that mention the theme.", examples: [4] }),
  sentence_share: column(z.number().min(0).max(1), { description: "Share of the article's reliable sentences that mention the theme.", examples: [0.08] }),
  weight: column(z.number().min(0).max(1), {
    description:
      "Length-independent theme weight: the theme's share of the article's match mass, where each sentence that mentions the theme adds emphasis × (1 + ln matches) and emphasis is 3 in the title, 2 in a heading (title and heading blocks of at most 50 characters), 1 in body text; an article's weights sum to 1 (up to rounding to 6 decimals).",
    examples: [0.21],
  }),
  rank: column(z.number().int().positive(), { description: "Rank of the theme within the article by weight, 1 = strongest.", examples: [1] }),
  top_terms: column(z.string().min(1), { description: "Up to five matched terms, |-separated, most frequent first (ties in order of first occurrence).", examples: ["学位|教师"] }),
  evidence_sentence_ids: column(z.string().min(1), {
    description: "Up to three sentences that carry the theme most strongly, strongest first, |-separated.",
    examples: ["s12|s13"],
  }),
  evidence_spans: column(spanList, {
    description: "Start-end (end exclusive) of each evidence sentence in the normalized text, in Unicode code points, in the order of evidence_sentence_ids.",
    examples: ["812-870|871-925"],
  }),
  evidence_raw_spans: column(spanList, {
    description: "The same sentences' start-end in the raw decoded text (code points), so each can be read in the source as published.",
    examples: ["830-889|890-946"],
  }),
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
