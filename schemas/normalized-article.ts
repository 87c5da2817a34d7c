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

/** Offsets into raw_text (UTF-16 code units, like every offset in this file), so a record points at the bytes it came from. */
const RawSpan = z.object({ raw_start: z.number().int().nonnegative(), raw_end: z.number().int().nonnegative() });

/** A cluster of characters that reads like GBK bytes decoded at the wrong boundaries, and what normalize did about it. */
export const MojibakeSpan = RawSpan.extend({
  found: z.string(),
  /** repaired: every odd character re-decoded; partly-repaired: some stretches re-decoded, the rest left; left: nothing re-decoded. */
  action: z.enum(["repaired", "partly-repaired", "left"]),
  repairs: z.array(RawSpan.extend({ found: z.string(), repaired: z.string() })),
});
export type MojibakeSpan = z.infer<typeof MojibakeSpan>;

export const BoilerplateKind = z.enum(["share", "comments", "copyright", "contact", "recommended-tail", "caption", "credit"]);
export type BoilerplateKind = z.infer<typeof BoilerplateKind>;

/** Page chrome taken out of the text; credit and caption lines also feed the metadata. */
export const RemovedText = RawSpan.extend({ kind: BoilerplateKind, text: z.string() });
export type RemovedText = z.infer<typeof RemovedText>;

export const CreditRole = z.enum(["source", "author", "editor", "reporter", "correspondent", "photographer", "compiler"]);
export type CreditRole = z.infer<typeof CreditRole>;

/** One name in a byline, caption credit or source line, in Simplified script, with the raw line it came from. */
export const Credit = RawSpan.extend({ role: CreditRole, name: z.string() });
export type Credit = z.infer<typeof Credit>;

export const ArticleMetadata = z.object({
  source: z.string().nullable(),
  author: z.string().nullable(),
  editor: z.string().nullable(),
  reporters: z.array(z.string()),
  correspondents: z.array(z.string()),
  photographers: z.array(z.string()),
  compilers: z.array(z.string()),
  credits: z.array(Credit),
});
export type ArticleMetadata = z.infer<typeof ArticleMetadata>;

export const NormalizeStep = z.enum([
  "normalize-width",
  "decode-markup",
  "remove-invisible",
  "strip-pinyin",
  "repair-mojibake",
  "collapse-whitespace",
  "join-page-jumps",
  "close-letter-spacing",
  "drop-footnote-markers",
  "join-broken-lines",
  "strip-boilerplate",
  "to-simplified",
]);

/** The parts of a report (structure guide): what a quantity in them is by default, and for which year. */
export const PartKind = z.enum(["review", "plan", "long_range", "other"]);
export type PartKind = z.infer<typeof PartKind>;

/** A part of the text [start, end): from its heading (or opening sentence) to the next part's start. */
export const Part = Span.extend({
  part: PartKind,
  /** The year its quantities refer to unless a clause names its own: the reviewed year, the planned year, the horizon. */
  year: z.number().int().nullable(),
  /** The heading that opened it, as it stands in the text; null for a part opened by a paragraph. */
  heading: z.string().nullable(),
});
export type Part = z.infer<typeof Part>;

export const DatePrecision = z.enum(["day", "month", "year", "unknown"]);

/** When the document was given, and the year it plans for (structure guide: the report year). */
export const DocumentDate = z.object({
  /** ISO date, as precise as the text allows: 2019, 2019-01 or 2019-01-24; null when unknown. */
  published_date: z.string().nullable(),
  date_precision: DatePrecision,
  /** The phrase(s) the date rests on, as they stand in the text. */
  date_evidence: z.array(z.string()).nullable(),
  report_year: z.number().int().nullable(),
  /** What fixed the report year: the date, the title's year, a review or plan heading, or a dated event. */
  report_year_evidence: z.string().nullable(),
});
export type DocumentDate = z.infer<typeof DocumentDate>;

/** The character encodings ingest reads, the one list (detect-encoding.ts says how each is recognised). */
export const Encoding = z.enum(["utf-8", "utf-8-bom", "utf-16le", "utf-16be", "gb18030", "big5"]);
export type Encoding = z.infer<typeof Encoding>;

/** The scripts an article can be written in, before conversion to Simplified. */
export const Script = z.enum(["traditional", "simplified", "mixed"]);
export type Script = z.infer<typeof Script>;

/** A line of the ingest manifest: an accepted file, its content id and how it was decoded. */
export const IngestRecord = z.object({
  article_id: z.string(),
  source_file: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  encoding: Encoding,
  encoding_confidence: z.number(),
});
export type IngestRecord = z.infer<typeof IngestRecord>;

export const NormalizedArticle = IngestRecord.extend({
  original_script: Script,
  raw_text: z.string(),
  original_text: z.string(),
  text: z.string(),
  title: z.string(),
  blocks: z.array(Block),
  sentences: z.array(Sentence),
  /** The report's parts in text order; empty when no heading or opening divides the text. */
  parts: z.array(Part),
  /** The main expected targets (主要预期目标) paragraph of the plan, with a lead-in on a line of its own joined to its list. */
  headline: Span.nullable(),
  date: DocumentDate,
  /** Spans of `text` that must not yield facts (unrepaired mojibake). */
  unreliable: z.array(Span),
  offset_map: z.array(MapSegment),
  metadata: ArticleMetadata,
  quality: z.object({
    pinyin_removed: z.number().int(),
    mojibake_found: z.number().int(),
    /** Spans where at least one stretch was re-decoded (partly repaired spans count here and in mojibake_left). */
    mojibake_repaired: z.number().int(),
    /** Spans with characters still unrepaired: their normalized stretches are in `unreliable`. */
    mojibake_left: z.number().int(),
    mojibake: z.array(MojibakeSpan),
    boilerplate_lines_removed: z.number().int(),
    boilerplate: z.array(RemovedText),
    /** Every step in pipeline order, with the text length before and after it and whether it changed the text. */
    steps: z.array(z.object({ step: NormalizeStep, chars_before: z.number().int(), chars_after: z.number().int(), changed: z.boolean() })),
  }),
});
export type NormalizedArticle = z.infer<typeof NormalizedArticle>;

/** A line of the normalize manifest; `sha256` is the normalized JSON's, so extract keys its cache on it unread. */
export const NormalizedEntry = z.object({ article_id: z.string(), source_file: z.string(), sha256: z.string() });
export type NormalizedEntry = z.infer<typeof NormalizedEntry>;

/** The stages that take in or leave out single articles, in order. */
export const ArticleStage = z.enum(["ingest", "normalize", "extract"]);
export type ArticleStage = z.infer<typeof ArticleStage>;

/**
 * A line of the rejection report: a raw file that is not a published article, the stage that left it out and why.
 * A reason says what first and then, after a colon, the particulars, so reasons group by what comes before it.
 */
export const Rejection = z.object({ source_file: z.string(), stage: ArticleStage, reason: z.string() });
export type Rejection = z.infer<typeof Rejection>;
