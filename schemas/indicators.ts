import { z } from "zod";
import { column, defineTable } from "./column.ts";
import { UnitCode } from "./units.ts";
import data from "./indicators.json" with { type: "json" };

/** indicators.json: the one list of indicator codes, with labels, units, matching rules and the better direction. */
export const IndicatorEntry = z.object({
  indicator: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label_zh: z.string().min(1),
  label_en: z.string().min(1),
  units: z.array(UnitCode).min(1),
  better: z.enum(["higher", "lower"]),
  definition: z.string().min(1),
  aliases: z.array(z.string().min(1)).min(1),
  not: z.array(z.string().min(1)).optional(),
  share: z.boolean().optional(),
});
export type IndicatorEntry = z.infer<typeof IndicatorEntry>;

export const indicatorCodebook: readonly IndicatorEntry[] = z
  .object({ indicators: z.array(IndicatorEntry) })
  .superRefine(({ indicators }, ctx) => {
    const codes = indicators.map((e) => e.indicator);
    if (new Set(codes).size !== codes.length) ctx.addIssue({ code: "custom", message: "indicators.json lists a code twice" });
  })
  .parse(data).indicators;

const [first, ...rest] = indicatorCodebook.map((e) => e.indicator);
export const IndicatorCode = z.enum([first!, ...rest]);
export type IndicatorCode = z.infer<typeof IndicatorCode>;

export const IndicatorRow = z.object({
  indicator: column(IndicatorCode, { description: "Stable indicator code; never renamed or reused.", examples: ["gdp"], categorical: true }),
  label_zh: column(z.string().min(1), { description: "Chinese label.", examples: ["地区生产总值"] }),
  label_en: column(z.string().min(1), { description: "English label.", examples: ["Gross domestic / regional product"] }),
  units: column(z.string().min(1), { description: "Unit codes a target of this indicator may have, separated by |.", examples: ["percent|CNY"] }),
  better: column(z.enum(["higher", "lower"]), { description: "Whether a higher or a lower level meets a target (CPI and unemployment: lower).", examples: ["higher"], categorical: true }),
  definition: column(z.string().min(1), { description: "What the indicator measures.", examples: ["Value of all goods and services produced in the place in a year."] }),
  aliases: column(z.string().min(1), { description: "Metric words that name the indicator, Simplified, separated by |; the longest one a metric contains decides.", examples: ["地区生产总值|国内生产总值|生产总值"] }),
});
export type IndicatorRow = z.infer<typeof IndicatorRow>;

export const indicatorsTable = defineTable({
  name: "indicators",
  title: "Indicators",
  description: "The indicator codebook: stable codes that make targets comparable across places and years (GDP growth, CPI, new urban jobs …).",
  schema: IndicatorRow,
  primaryKey: ["indicator"],
  foreignKeys: [],
});
