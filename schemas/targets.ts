import { z } from "zod";
import { column, defineTable, hexId, listOf, placeCode } from "./column.ts";
import { ThemeCode } from "./theme-codebook.ts";
import { IndicatorCode } from "./indicators.ts";
import { UnitCode } from "./units.ts";

/** A "start-end" code-point span, end exclusive. */
const span = z.string().regex(/^\d+-\d+$/);

export const TargetRow = z.object({
  target_id: column(hexId(16), {
    description: "Stable id: hash of article id, quantity offsets and metric (one quantity shared by 均 gives one row per metric).",
  }),
  article_id: column(hexId(16), { description: "Article the quantity is stated in." }),
  district_id: column(placeCode().nullable(), { description: "Subject district of the article; null when unresolved." }),
  kind: column(z.enum(["target", "achievement", "estimate"]), {
    description: "target: will reach or do; achievement: has reached or done; estimate: expects to have reached (预计).",
    categorical: true,
  }),
  metric: column(z.string().min(1), { description: "Noun phrase naming what is counted or measured, Simplified." }),
  value: column(z.number(), { description: "The quantity after applying scale words (万, 亿) and Chinese numerals; lower bound of a range." }),
  value_high: column(z.number().nullable(), { description: "Upper bound of a range, else null." }),
  unit: column(UnitCode, {
    description: "Normalized unit code (units.json: sqm 平方米, mu 亩, jin 斤, pp 个百分点, tce 吨标准煤, index …); values are not converted between units.",
    categorical: true,
  }),
  measure_word: column(z.string().min(1), { description: "Unit or classifier as written (Simplified).", categorical: true }),
  comparator: column(z.enum(["eq", "gte", "lte", "approx", "range"]), {
    description: "How the value bounds the quantity: eq, gte (以上, 不低于, 突破, 超过, 余), lte (以内, 不超过), approx (左右, 约), range.",
    categorical: true,
  }),
  direction: column(z.enum(["increase", "decrease", "level"]), {
    description: "increase (增长, 新增), decrease (下降, 减少) or level (a level or count to complete).",
    categorical: true,
  }),
  time_phrase: column(z.string().min(1).nullable(), { description: "Time words governing the quantity, as written (Simplified)." }),
  year: column(z.number().int().min(1949).max(2100).nullable(), { description: "Calendar year the quantity refers to, when fixed by the text or the article's date." }),
  base_year: column(z.number().int().min(1949).max(2100).nullable(), {
    description: "The year a change is measured against: the year before for 比上年 and 同比, the year written for 比2002年 or 与2010年相比; null when the clause names no base.",
  }),
  recurring: column(z.boolean(), { description: "True when the quantity recurs every year (每年)." }),
  theme_code: column(ThemeCode.nullable(), { description: "Theme of the metric, from the theme lexicon.", categorical: true }),
  indicator: column(IndicatorCode.nullable(), {
    description: "Indicator code of the metric (indicators table: gdp, cpi, urban_jobs …), by the longest alias it contains; null when it measures none of them.",
    categorical: true,
  }),
  headline: column(z.boolean(), { description: "Stated in the main expected targets (主要预期目标) paragraph of the report's plan." }),
  sentence: column(z.string().min(1), { description: "Evidence: the sentence that states the quantity, normalized text." }),
  char_start: column(z.number().int().nonnegative(), { description: "Start of the quantity in the article's normalized text (Unicode code points, 0-based)." }),
  char_end: column(z.number().int().nonnegative(), { description: "End (exclusive) of the quantity in the normalized text." }),
  raw_char_start: column(z.number().int().nonnegative(), { description: "Start of the quantity in the raw decoded text (code points, 0-based)." }),
  raw_char_end: column(z.number().int().nonnegative(), { description: "End (exclusive) of the quantity in the raw decoded text." }),
  restated_spans: column(listOf(span).nullable(), {
    description: "Where the article states the same quantity again (经济增长预期目标为5%左右 after 国内生产总值增长5%左右): start-end code-point spans in the normalized text; one row per stated target; null when it states it once.",
  }),
  restated_raw_spans: column(listOf(span).nullable(), { description: "The same restatements as spans of the raw decoded text." }),
});
export type TargetRow = z.infer<typeof TargetRow>;

export const targetsTable = defineTable({
  name: "targets",
  title: "Targets",
  description: "Every stated quantity about a district's plan or record, with its metric, kind, comparator, time and evidence.",
  schema: TargetRow,
  primaryKey: ["target_id"],
  // The id hashes the article, the place and the metric: a metric read otherwise keeps the quantity where it stands.
  stableKey: ["article_id", "char_start", "char_end"],
  foreignKeys: [
    { fields: ["article_id"], reference: { resource: "articles", fields: ["article_id"] } },
    { fields: ["district_id"], reference: { resource: "districts", fields: ["district_id"] } },
    { fields: ["theme_code"], reference: { resource: "theme_codebook", fields: ["theme_code"] } },
    { fields: ["indicator"], reference: { resource: "indicators", fields: ["indicator"] } },
  ],
});
