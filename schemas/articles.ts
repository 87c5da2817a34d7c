import { z } from "zod";
import { column, defineTable, hexId, isoDate } from "./column.ts";
import { DatePrecision, Encoding, Script } from "./normalized-article.ts";

/** Whether an article's subject place was resolved, or why not. */
export const DistrictStatus = z.enum(["resolved", "ambiguous", "not_found"]);
export type DistrictStatus = z.infer<typeof DistrictStatus>;

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
  encoding: column(Encoding, {
    description: "Character encoding detected in the raw bytes.",
    examples: ["utf-8"],
    categorical: true,
  }),
  encoding_confidence: column(z.number().min(0).max(1), {
    description: "Confidence of the encoding detection: 1 for a byte-order mark or the only clean decode, lower when several decodes scored close.",
    examples: [1],
  }),
  original_script: column(Script, {
    description: "Chinese script the article was written in, before conversion to Simplified.",
    examples: ["traditional"],
    categorical: true,
  }),
  title: column(z.string(), { description: "Article title (first content line), in Simplified script.", examples: ["源城区第八次党代会明确新阶段工作重点"] }),
  char_count: column(z.number().int().nonnegative(), { description: "Length of the normalized text.", unit: "character", examples: [4873] }),
  paragraph_count: column(z.number().int().nonnegative(), { description: "Paragraphs in the normalized text, headings included.", examples: [24] }),
  sentence_count: column(z.number().int().nonnegative(), { description: "Sentences in the normalized text.", examples: [118] }),
  pinyin_removed: column(z.number().int().nonnegative(), { description: "Pinyin annotations such as 實(shí) removed during normalization.", examples: [0] }),
  heading_count: column(z.number().int().nonnegative(), {
    description: "Heading blocks in the normalized text (short lines such as ◎产业发展 or 2018年成绩, and the numbered lead sentence of a paragraph such as 一、…。).",
    examples: [26],
  }),
  has_title: column(z.boolean(), { description: "Whether the first line reads as a headline; false when the copy starts with body text or a section label (开栏语), and title is then empty.", examples: [true] }),
  source: column(z.string().nullable(), { description: "Source line of the page (来源：…), Simplified; empty when the page has none.", examples: ["岳楼网宣"] }),
  author: column(z.string().nullable(), { description: "Author line (作者：…) as printed, Simplified; empty when the page has none.", examples: ["中共岳阳楼区委书记 陈阁辉"] }),
  editor: column(z.string().nullable(), { description: "Editor (编辑：…), Simplified; empty when the page names none.", examples: ["任己章"] }),
  reporters: column(z.string().nullable(), {
    description: "Reporters named in bylines (记者, 本报记者, 特约记者), joined with 、, Simplified; empty when none.",
    examples: ["魏怡兰、李松权、林丽娟"],
  }),
  correspondents: column(z.string().nullable(), { description: "Correspondents named in bylines (通讯员), joined with 、; empty when none.", examples: ["白瑞强"] }),
  photographers: column(z.string().nullable(), { description: "People credited in photo captions (… 摄), joined with 、; empty when none.", examples: ["冯晓铭"] }),
  mojibake_spans_found: column(z.number().int().nonnegative(), {
    description: "Clusters of characters that read like GBK bytes decoded at the wrong byte boundaries.",
    examples: [1],
  }),
  mojibake_spans_repaired: column(z.number().int().nonnegative(), {
    description: "Mojibake clusters where at least one stretch re-decoded, one byte later, into frequent characters and was replaced.",
    examples: [1],
  }),
  mojibake_spans_left: column(z.number().int().nonnegative(), {
    description: "Mojibake clusters with characters still garbled after repair; those stretches are excluded from extraction.",
    examples: [1],
  }),
  unreliable_char_count: column(z.number().int().nonnegative(), {
    description: "Characters of the normalized text inside unrepaired mojibake, from which no fact is taken.",
    unit: "character",
    examples: [8],
  }),
  boilerplate_lines_removed: column(z.number().int().nonnegative(), {
    description: "Lines (or line tails, for a byline after the last sentence) removed as page chrome: share buttons, comments, copyright, contact, news-recommended tails, captions, bylines.",
    examples: [6],
  }),
  district_id: column(z.string().nullable(), {
    description: "Subject district (FK to districts): the place whose plan the article states; empty when unresolved (see district_status).",
    examples: ["441302"],
  }),
  district_status: column(DistrictStatus, {
    description: "resolved; ambiguous: namesake places (鼓楼区 in four cities) the text does not tell apart; not_found: no place named in the title or lead or next to its own party committee or government.",
    examples: ["resolved"],
    categorical: true,
  }),
  district_note: column(z.string().nullable(), { description: "Why the district is unresolved, naming the candidates; or, when resolved only because the article names the place far more than any other, that it rests on this; empty otherwise.", examples: ["鼓楼区 is in 福建省福州市, 江苏省南京市; the text does not name which"] }),
  published_date: column(isoDate.nullable(), {
    description: "When the article was written, as precise as the text fixes it (YYYY, YYYY-MM or YYYY-MM-DD); empty when it does not. Never guessed.",
    examples: ["2019-01-24"],
  }),
  date_precision: column(DatePrecision, { description: "Precision of published_date.", examples: ["day"], categorical: true }),
  date_evidence: column(z.string().nullable(), {
    description: "Phrases the date rests on, as in the normalized text, | between a month-day and the phrase that fixes its year.",
    examples: ["1月24日 | 展望2019年"],
  }),
  report_year: column(z.number().int().min(1949).max(2100).nullable(), {
    description: "The year the document plans for: the year of the session it was given to (a January 2024 report reviewing 2023 has 2024). From its date, else its title's year, else its review or plan headings; 今年 in it means this year.",
    examples: [2024],
  }),
  report_year_evidence: column(z.string().nullable(), {
    description: "What fixed report_year, as in the normalized text: the date, the title, a heading or a dated event.",
    examples: ["2023年工作回顾"],
  }),
});
export type ArticleRow = z.infer<typeof ArticleRow>;

export const articlesTable = defineTable({
  name: "articles",
  title: "Articles",
  description: "One row per source article accepted by ingest: provenance, encoding, script and normalization counts.",
  schema: ArticleRow,
  primaryKey: ["article_id"],
  foreignKeys: [{ fields: ["district_id"], reference: { resource: "districts", fields: ["district_id"] } }],
});
