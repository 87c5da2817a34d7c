import { z } from "zod";
import { column, defineTable, hexId, listItem, listOf, placeCode } from "./column.ts";
import { ThemeCode } from "./theme-codebook.ts";

/** "start-end" code-point spans, end exclusive. */
const spanList = listOf(z.string().regex(/^\d+-\d+$/));

export const ThemeRow = z.object({
  article_id: column(hexId(16), { description: "Article the score is for." }),
  district_id: column(placeCode().nullable(), { description: "Subject district of the article; null when unresolved." }),
  theme_code: column(ThemeCode, { description: "Theme code from the codebook.", categorical: true }),
  term_count: column(z.number().int().positive(), { description: "Lexicon term matches in the article's reliable sentences, counted on whole tokens." }),
  sentence_count: column(z.number().int().positive(), { description: "Sentences that mention the theme." }),
  sentence_share: column(z.number().min(0).max(1), { description: "Share of the article's reliable sentences that mention the theme." }),
  weight: column(z.number().min(0).max(1), {
    description:
      "Length-independent theme weight: the theme's share of the article's match mass, where each sentence that mentions the theme adds emphasis × (1 + ln matches) and emphasis is 3 in the title, 2 in a heading (title and heading blocks of at most 50 characters), 1 in body text; an article's weights sum to 1 (up to rounding to 6 decimals).",
  }),
  rank: column(z.number().int().positive(), { description: "Rank of the theme within the article by weight, 1 = strongest." }),
  top_terms: column(listOf(listItem()), { description: "Up to five matched terms, most frequent first (ties in order of first occurrence)." }),
  evidence_sentence_ids: column(listOf(z.string().regex(/^s\d+$/)), {
    description: "Up to three sentences that carry the theme most strongly, strongest first.",
  }),
  evidence_spans: column(spanList, {
    description: "Start-end (end exclusive) of each evidence sentence in the normalized text, in Unicode code points, in the order of evidence_sentence_ids.",
  }),
  evidence_raw_spans: column(spanList, {
    description: "The same sentences' start-end in the raw decoded text (code points), so each can be read in the source as published.",
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
