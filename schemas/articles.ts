import { z } from "zod";
import { column, defineTable, hexId, isoDate, listItem, listOf, placeCode } from "./column.ts";
import { DatePrecision, Encoding, Script } from "./normalized-article.ts";

/** Whether an article's subject place was resolved, or why not. */
export const DistrictStatus = z.enum(["resolved", "ambiguous", "not_found"]);
export type DistrictStatus = z.infer<typeof DistrictStatus>;

export const ArticleRow = z.object({
  article_id: column(hexId(16), {
    description: "Stable article identifier: the first 16 hex digits of the SHA-256 of the decoded text, so re-encoding a file does not change it.",
  }),
  source_file: column(z.string().min(1), {
    description: "File name of the raw article inside the raw folder.",
  }),
  bytes: column(z.number().int().nonnegative(), { description: "Size of the raw file.", unit: "byte" }),
  sha256: column(hexId(64), { description: "SHA-256 of the raw file's bytes." }),
  encoding: column(Encoding, {
    description: "Character encoding detected in the raw bytes.",
    categorical: true,
  }),
  encoding_confidence: column(z.number().min(0).max(1), {
    description: "Confidence of the encoding detection: 1 for a byte-order mark or the only clean decode, lower when several decodes scored close.",
  }),
  original_script: column(Script, {
    description: "Chinese script the article was written in, before conversion to Simplified.",
    categorical: true,
  }),
  title: column(z.string().min(1).nullable(), { description: "Article title (first content line), in Simplified script; null when the copy has none (has_title)." }),
  char_count: column(z.number().int().nonnegative(), { description: "Length of the normalized text.", unit: "character" }),
  paragraph_count: column(z.number().int().nonnegative(), { description: "Paragraphs in the normalized text, headings included." }),
  sentence_count: column(z.number().int().nonnegative(), { description: "Sentences in the normalized text." }),
  pinyin_removed: column(z.number().int().nonnegative(), { description: "Pinyin annotations such as 實(shí) removed during normalization." }),
  heading_count: column(z.number().int().nonnegative(), {
    description: "Heading blocks in the normalized text (short lines such as ◎产业发展 or 2018年成绩, and the numbered lead sentence of a paragraph such as 一、…。).",
  }),
  has_title: column(z.boolean(), { description: "Whether the first line reads as a headline; false when the copy starts with body text or a section label (开栏语), and title is then null." }),
  source: column(z.string().min(1).nullable(), { description: "Source line of the page (来源：…), Simplified; null when the page has none." }),
  author: column(z.string().min(1).nullable(), { description: "Author line (作者：…) as printed, Simplified; null when the page has none." }),
  editor: column(z.string().min(1).nullable(), { description: "Editor (编辑：…), Simplified; null when the page names none." }),
  reporters: column(listOf(listItem()).nullable(), {
    description: "Reporters named in bylines (记者, 本报记者, 特约记者), in order, Simplified; null when none.",
  }),
  correspondents: column(listOf(listItem()).nullable(), { description: "Correspondents named in bylines (通讯员), in order; null when none." }),
  photographers: column(listOf(listItem()).nullable(), { description: "People credited in photo captions (… 摄), in order; null when none." }),
  mojibake_spans_found: column(z.number().int().nonnegative(), {
    description: "Clusters of characters that read like GBK bytes decoded at the wrong byte boundaries.",
  }),
  mojibake_spans_repaired: column(z.number().int().nonnegative(), {
    description: "Mojibake clusters where at least one stretch re-decoded, one byte later, into frequent characters and was replaced.",
  }),
  mojibake_spans_left: column(z.number().int().nonnegative(), {
    description: "Mojibake clusters with characters still garbled after repair; those stretches are excluded from extraction.",
  }),
  unreliable_char_count: column(z.number().int().nonnegative(), {
    description: "Characters of the normalized text inside unrepaired mojibake, from which no fact is taken.",
    unit: "character",
  }),
  boilerplate_lines_removed: column(z.number().int().nonnegative(), {
    description: "Lines (or line tails, for a byline after the last sentence) removed as page chrome: share buttons, comments, copyright, contact, news-recommended tails, captions, bylines.",
  }),
  district_id: column(placeCode().nullable(), {
    description: "Subject district (FK to districts): the place whose plan the article states; null when unresolved (see district_status).",
  }),
  district_status: column(DistrictStatus, {
    description: "resolved; ambiguous: namesake places (鼓楼区 in four cities) the text does not tell apart; not_found: no place named in the title or lead or next to its own party committee or government.",
    categorical: true,
  }),
  district_note: column(z.string().min(1).nullable(), { description: "Why the district is unresolved, naming the candidates; or, when resolved only because the article names the place far more than any other, that it rests on this; null otherwise." }),
  published_date: column(isoDate.nullable(), {
    description: "When the article was written, as precise as the text fixes it (YYYY, YYYY-MM or YYYY-MM-DD); null when it does not. Never guessed.",
  }),
  date_precision: column(DatePrecision, { description: "Precision of published_date.", categorical: true }),
  date_evidence: column(listOf(listItem()).nullable(), {
    description: "Phrases the date rests on, as in the normalized text: the phrase that fixes it, or a month-day and the phrase that fixes its year.",
  }),
  report_year: column(z.number().int().min(1949).max(2100).nullable(), {
    description: "The year the document plans for: the year of the session it was given to (a January 2024 report reviewing 2023 has 2024). From its date, else its title's year, else its review or plan headings; 今年 in it means this year.",
  }),
  report_year_evidence: column(z.string().min(1).nullable(), {
    description: "What fixed report_year, as in the normalized text: the date, the title, a heading or a dated event.",
  }),
});
export type ArticleRow = z.infer<typeof ArticleRow>;

export const articlesTable = defineTable({
  name: "articles",
  title: "Articles",
  description: "One row per source article accepted by ingest: provenance, encoding, script and normalization counts.",
  schema: ArticleRow,
  primaryKey: ["article_id"],
  // The id hashes the decoded text, so an edit of one character gives the article a new one; its file keeps its name.
  stableKey: ["source_file"],
  foreignKeys: [{ fields: ["district_id"], reference: { resource: "districts", fields: ["district_id"] } }],
});
