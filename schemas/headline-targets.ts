import { z } from "zod";
import { column, defineTable, hexId, placeCode } from "./column.ts";
import { IndicatorCode } from "./indicators.ts";
import { TargetRow } from "./targets.ts";
import { UnitCode } from "./units.ts";

export const HeadlineTargetRow = z.object({
  district_id: column(placeCode(), { description: "Place whose report sets the target." }),
  year: column(z.number().int().min(1949).max(2100), { description: "Year the target is for." }),
  indicator: column(IndicatorCode, { description: "Indicator code.", categorical: true }),
  unit: column(UnitCode, { description: "Unit of the value: percent for a growth rate, CNY for a level …", categorical: true }),
  value: column(z.number(), { description: "The target value; lower bound of a range." }),
  value_high: column(z.number().nullable(), { description: "Upper bound of a range, else null." }),
  comparator: column(TargetRow.shape.comparator, { description: "eq, gte (以上), lte (以内), approx (左右) or range.", categorical: true }),
  direction: column(TargetRow.shape.direction, { description: "increase (增长), decrease (下降) or level.", categorical: true }),
  metric: column(z.string().min(1), { description: "The metric as the report words it." }),
  target_id: column(hexId(16), { description: "The targets row behind this panel row, for its evidence." }),
  article_id: column(hexId(16), { description: "The report the target is stated in." }),
});
export type HeadlineTargetRow = z.infer<typeof HeadlineTargetRow>;

export const headlineTargetsTable = defineTable({
  name: "headline_targets",
  title: "Headline targets",
  description:
    "The panel of main expected targets (主要预期目标): one row per place, year, indicator and unit, from the headline paragraph of each report's plan. The table to plot, join and compare across places and years.",
  schema: HeadlineTargetRow,
  primaryKey: ["district_id", "year", "indicator", "unit"],
  foreignKeys: [
    { fields: ["district_id"], reference: { resource: "districts", fields: ["district_id"] } },
    { fields: ["indicator"], reference: { resource: "indicators", fields: ["indicator"] } },
    { fields: ["article_id"], reference: { resource: "articles", fields: ["article_id"] } },
    // The panel repeats its target's facts; the composite key proves they agree.
    {
      fields: ["target_id", "article_id", "district_id", "year", "indicator", "unit", "value"],
      reference: { resource: "targets", fields: ["target_id", "article_id", "district_id", "year", "indicator", "unit", "value"] },
    },
  ],
});
