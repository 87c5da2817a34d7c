import { z } from "zod";
import { column, defineTable, listItem, listOf } from "./column.ts";
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
  indicator: column(IndicatorCode, { description: "Stable indicator code; never renamed or reused.", categorical: true }),
  label_zh: column(z.string().min(1), { description: "Chinese label." }),
  label_en: column(z.string().min(1), { description: "English label." }),
  units: column(listOf(UnitCode), { description: "Unit codes a target of this indicator may have." }),
  better: column(z.enum(["higher", "lower"]), { description: "Whether a higher or a lower level meets a target (CPI and unemployment: lower).", categorical: true }),
  definition: column(z.string().min(1), { description: "What the indicator measures." }),
  aliases: column(listOf(listItem()), { description: "Metric words that name the indicator, Simplified; the longest one a metric contains decides." }),
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
