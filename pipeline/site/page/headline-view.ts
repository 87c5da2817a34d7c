import * as Plot from "@observablehq/plot";
import type { HeadlineEntry } from "../site-data.ts";
import { h } from "./dom.ts";
import { COMPARATOR_SIGN, formatMet, formatValue } from "./format.ts";

/** Rows a table draws at most: a big release's gdp panel has thousands; the filters narrow it. */
export const MAX_TABLE_ROWS = 500;

const SELECTED = "#c0392b";

/** Value by year, one line per place; the chosen place in colour over the others in grey, the chosen year as a rule. */
export function headlineChart(rows: readonly HeadlineEntry[], names: ReadonlyMap<string, string>, place: string, year: number | null, width: number): Element {
  const named = rows.map((r) => ({ ...r, place: names.get(r.district_id) ?? r.district_id })).sort((a, b) => a.year - b.year);
  const chosen = named.filter((r) => r.district_id === place);
  const others = place ? named.filter((r) => r.district_id !== place) : named;
  const colourByPlace = !place && names.size > 0 && new Set(named.map((r) => r.district_id)).size <= 10;
  const stroke = place ? "#bbb" : colourByPlace ? "place" : "steelblue";
  return Plot.plot({
    width,
    height: 320,
    marginLeft: 60,
    x: { label: "Year", tickFormat: "d", ticks: Math.min(12, new Set(named.map((r) => r.year)).size) },
    y: { label: "Target value", grid: true },
    color: colourByPlace ? { legend: true } : undefined,
    marks: [
      year === null ? null : Plot.ruleX([year], { stroke: "#999", strokeDasharray: "4 3" }),
      Plot.lineY(others, { x: "year", y: "value", z: "district_id", stroke, strokeOpacity: place ? 0.6 : 0.8 }),
      Plot.dot(others, { x: "year", y: "value", fill: stroke, r: 2.5 }),
      Plot.lineY(chosen, { x: "year", y: "value", stroke: SELECTED, strokeWidth: 2.5 }),
      Plot.dot(chosen, { x: "year", y: "value", fill: SELECTED, r: 4 }),
      Plot.tip(named, Plot.pointer({ x: "year", y: "value", title: (r: (typeof named)[number]) => `${r.place} ${r.year}\n${r.metric}\n${formatValue(r.value, r.value_high)} ${r.unit}` })),
    ],
  });
}

/** The filtered panel rows as table rows; a click (or Enter) on one calls pick with it. */
export function headlineRows(rows: readonly HeadlineEntry[], names: ReadonlyMap<string, string>, pick: (row: HeadlineEntry, tr: HTMLTableRowElement) => void): HTMLTableRowElement[] {
  return rows.slice(0, MAX_TABLE_ROWS).map((r) => {
    const tr = h(
      "tr",
      { "data-target-id": r.target_id, "data-district-id": r.district_id, tabindex: "0" },
      h("td", { class: "place" }, names.get(r.district_id) ?? r.district_id),
      h("td", { class: "year" }, r.year),
      h("td", { class: "metric" }, r.metric),
      h("td", { class: "comparator" }, COMPARATOR_SIGN[r.comparator] ?? r.comparator),
      h("td", { class: "value num" }, formatValue(r.value, r.value_high)),
      h("td", { class: "unit" }, r.unit),
      h("td", { class: "outcome num" }, r.outcome_value === null ? "" : formatValue(r.outcome_value, null)),
      h("td", { class: `met ${formatMet(r.met, r.outcome_value)}` }, formatMet(r.met, r.outcome_value)),
    );
    tr.addEventListener("click", () => pick(r, tr));
    tr.addEventListener("keydown", (e) => e.key === "Enter" && pick(r, tr));
    return tr;
  });
}
