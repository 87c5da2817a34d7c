import * as Plot from "@observablehq/plot";
import type { PlaceShard, PlaceTarget } from "../place-shard.ts";
import type { ThemeEntry } from "../site-data.ts";
import { h } from "./dom.ts";
import { COMPARATOR_SIGN, formatValue } from "./format.ts";
import { MAX_TABLE_ROWS } from "./headline-view.ts";

/** A place's theme profile: the district_themes weights as bars, strongest first, the chosen theme in colour. */
export function themeChart(themes: PlaceShard["themes"], labels: ReadonlyMap<string, ThemeEntry>, theme: string, width: number): Element {
  const bars = themes.map((t) => ({ ...t, label: labels.get(t.theme_code)?.label_en ?? t.theme_code, zh: labels.get(t.theme_code)?.label_zh ?? "" }));
  return Plot.plot({
    width,
    height: 24 * bars.length + 40,
    marginLeft: 250,
    marginRight: 40,
    x: { label: "Weight (district_themes: mean article weight)", grid: true },
    y: { label: null },
    marks: [
      Plot.barX(bars, {
        x: "weight",
        y: "label",
        sort: { y: "-x" },
        fill: (t: (typeof bars)[number]) => (t.theme_code === theme ? "#c0392b" : "steelblue"),
      }),
      Plot.text(bars, { x: "weight", y: "label", text: (t: (typeof bars)[number]) => t.weight.toFixed(3), dx: 4, textAnchor: "start" }),
      Plot.tip(bars, Plot.pointerY({ x: "weight", y: "label", title: (t: (typeof bars)[number]) => `${t.label} ${t.zh}\nweight ${t.weight}, rank ${t.rank}` })),
      Plot.ruleX([0]),
    ],
  });
}

/** The place's targets as table rows (year and theme already filtered); a click calls pick. */
export function placeRows(targets: readonly PlaceTarget[], labels: ReadonlyMap<string, ThemeEntry>, pick: (row: PlaceTarget, tr: HTMLTableRowElement) => void): HTMLTableRowElement[] {
  return targets.slice(0, MAX_TABLE_ROWS).map((t) => {
    const tr = h(
      "tr",
      { "data-target-id": t.target_id, tabindex: "0" },
      h("td", { class: "year" }, t.year === null ? "" : t.year),
      h("td", { class: "kind" }, t.kind),
      h("td", { class: "metric" }, t.metric),
      h("td", { class: "comparator" }, COMPARATOR_SIGN[t.comparator] ?? t.comparator),
      h("td", { class: "value num" }, formatValue(t.value, t.value_high)),
      // The value is in the unit (5,000,000,000 CNY), not in the words that wrote it (50亿元): those are the tooltip.
      h("td", { class: "unit", title: `written ${t.measure_word}` }, t.unit),
      h("td", { class: "theme" }, t.theme_code === null ? "" : (labels.get(t.theme_code)?.label_en ?? t.theme_code)),
      h("td", { class: "indicator" }, t.indicator ?? ""),
    );
    tr.addEventListener("click", () => pick(t, tr));
    tr.addEventListener("keydown", (e) => e.key === "Enter" && pick(t, tr));
    return tr;
  });
}
