import { z } from "zod";
import { column, defineTable, hexId, placeCode } from "./column.ts";
import { IndicatorCode } from "./indicators.ts";
import { TargetRow } from "./targets.ts";
import { UnitCode } from "./units.ts";

const year = z.number().int().min(1949).max(2100);

export const TargetOutcomeRow = z.object({
  target_id: column(hexId(16), { description: "A headline target for `year`." }),
  outcome_target_id: column(hexId(16), { description: "The achievement a later report of the same place states for `year`, same indicator and unit (a targets row of kind achievement)." }),
  district_id: column(placeCode(), { description: "The place." }),
  indicator: column(IndicatorCode, { description: "Indicator code of both rows.", categorical: true }),
  unit: column(UnitCode, { description: "Unit of both values.", categorical: true }),
  year: column(year, { description: "The year the target was for and the outcome reports." }),
  target_value: column(z.number(), { description: "The target's value (lower bound of a range)." }),
  target_value_high: column(z.number().nullable(), { description: "Upper bound of a range target, else null." }),
  comparator: column(TargetRow.shape.comparator, { description: "The target's comparator.", categorical: true }),
  outcome_value: column(z.number(), { description: "The value the later report states." }),
  met: column(z.boolean().nullable(), {
    description:
      "Whether the outcome meets the target: at or beyond it in the indicator's better direction (higher GDP growth, lower CPI; a larger cut for a decrease target). Empty when the comparator cannot decide: an approx (左右) target missed by no more than the tolerance (0.5 percentage points for a percent, 2% of the target otherwise).",
  }),
  gap: column(z.number(), { description: "outcome_value − target_value, in the unit (negative: below the target)." }),
  target_article_id: column(hexId(16), { description: "The report that set the target." }),
  target_report_year: column(year, { description: "Report year of that report." }),
  outcome_article_id: column(hexId(16), { description: "The later report that states the outcome." }),
  outcome_report_year: column(year, { description: "Report year of the later report; always after target_report_year." }),
});
export type TargetOutcomeRow = z.infer<typeof TargetOutcomeRow>;

const targetFacts = ["district_id", "indicator", "unit", "year"];

export const targetOutcomesTable = defineTable({
  name: "target_outcomes",
  title: "Target outcomes",
  description:
    "Headline targets linked to the result a later report of the same place states for the same year, indicator and unit (the next year's review), with whether the target was met. Only where both sides exist; never guessed.",
  schema: TargetOutcomeRow,
  primaryKey: ["target_id"],
  foreignKeys: [
    { fields: ["district_id"], reference: { resource: "districts", fields: ["district_id"] } },
    { fields: ["indicator"], reference: { resource: "indicators", fields: ["indicator"] } },
    // Both sides' facts agree with their targets rows, and each report year with its article.
    { fields: ["target_id", "target_article_id", ...targetFacts, "target_value"], reference: { resource: "targets", fields: ["target_id", "article_id", ...targetFacts, "value"] } },
    { fields: ["outcome_target_id", "outcome_article_id", ...targetFacts, "outcome_value"], reference: { resource: "targets", fields: ["target_id", "article_id", ...targetFacts, "value"] } },
    { fields: ["target_article_id", "target_report_year"], reference: { resource: "articles", fields: ["article_id", "report_year"] } },
    { fields: ["outcome_article_id", "outcome_report_year"], reference: { resource: "articles", fields: ["article_id", "report_year"] } },
  ],
});
