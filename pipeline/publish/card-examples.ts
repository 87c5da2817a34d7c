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

const SAMPLE_ROWS = 5;

/** The first few headline targets of the release as a table (place, year, indicator, metric, target), so the card shows what a row is. */
export async function headlineSample(rows: TableRows): Promise<string | null> {
  const sample: Row[] = [];
  for await (const row of rows("headline_targets")) {
    sample.push(row);
    if (sample.length === SAMPLE_ROWS) break;
  }
  if (sample.length === 0) return null;
  const names = new Map<unknown, unknown>();
  for await (const d of rows("districts")) names.set(d["district_id"], d["name"]);
  const value = (r: Row) => (r["value_high"] === null ? String(r["value"]) : `${String(r["value"])}–${String(r["value_high"])}`);
  return [
    "| place | year | indicator | metric as written | comparator | value | unit |",
    "|---|--:|---|---|---|--:|---|",
    ...sample.map(
      (r) => `| ${String(names.get(r["district_id"]) ?? r["district_id"])} | ${String(r["year"])} | \`${String(r["indicator"])}\` | ${String(r["metric"])} | ${String(r["comparator"])} | ${value(r)} | ${String(r["unit"])} |`,
    ),
    "",
    "Each row's `target_id` leads to its `targets` row: the sentence it was read from and the offsets of the quantity in the normalized and the raw text.",
  ].join("\n");
}
