import type { TableRows } from "../lib/table-rows.ts";

type Row = Record<string, unknown>;

async function first(rows: AsyncIterable<Row>, wanted: (row: Row) => boolean): Promise<Row | null> {
  for await (const row of rows) if (wanted(row)) return row;
  return null;
}

/**
 * A sentence that explains the outcome rule with the release's own first GDP growth outcome (any outcome when
 * there is none): the place, the target, the later report's figure, met and gap. Null without outcomes.
 */
export async function outcomeExample(rows: TableRows): Promise<string | null> {
  const outcome =
    (await first(rows("target_outcomes"), (r) => r["indicator"] === "gdp" && r["unit"] === "percent")) ?? (await first(rows("target_outcomes"), () => true));
  if (!outcome) return null;
  const target = await first(rows("headline_targets"), (r) => r["target_id"] === outcome["target_id"]);
  const place = await first(rows("districts"), (r) => r["district_id"] === outcome["district_id"]);
  const met = outcome["met"] === null ? "empty (undecided)" : String(outcome["met"]);
  return (
    `For example, ${String(place?.["name"] ?? outcome["district_id"])} (\`${String(outcome["district_id"])}\`) set ${String(target?.["metric"] ?? outcome["indicator"])} ` +
    `(\`${String(outcome["indicator"])}\`) at ${String(outcome["target_value"])} ${String(outcome["unit"])} (${String(outcome["comparator"])}) for ${String(outcome["year"])} ` +
    `in its ${String(outcome["target_report_year"])} report; its ${String(outcome["outcome_report_year"])} report states ${String(outcome["outcome_value"])}: ` +
    `\`met\` is ${met}, \`gap\` ${String(outcome["gap"])}.`
  );
}
