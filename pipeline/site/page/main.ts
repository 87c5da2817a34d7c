import { unpackRows, type PackedTable } from "../packed-table.ts";
import type { PlaceShard, PlaceTarget } from "../place-shard.ts";
import type { HeadlineEntry, IndicatorEntry, PlaceEntry, ReleaseEntry, ThemeEntry } from "../site-data.ts";
import { byId, h, setOptions } from "./dom.ts";
import { evidence } from "./evidence-view.ts";
import { headlineChart, headlineRows, MAX_TABLE_ROWS } from "./headline-view.ts";
import { loadJson } from "./load-json.ts";
import { placeRows, themeChart } from "./place-view.ts";

const select = (id: string) => byId<HTMLSelectElement>(id);
const controls = { place: select("place"), indicator: select("indicator"), unit: select("unit"), year: select("year"), theme: select("theme") };

const headlines = new Map<string, Promise<HeadlineEntry[]>>();
/** An indicator's panel rows as objects, fetched and unpacked once. */
function loadHeadline(indicator: string): Promise<HeadlineEntry[]> {
  let rows = headlines.get(indicator);
  if (!rows) headlines.set(indicator, (rows = loadJson<PackedTable<HeadlineEntry>>(`data/headline/${indicator}.json`).then(unpackRows)));
  return rows;
}

const loadPlace = (id: string) => loadJson<PlaceShard>(`data/place/${encodeURIComponent(id)}.json`);
const targetsOf = new WeakMap<PlaceShard, PlaceTarget[]>();
function placeTargets(shard: PlaceShard): PlaceTarget[] {
  let targets = targetsOf.get(shard);
  if (!targets) targetsOf.set(shard, (targets = unpackRows(shard.targets)));
  return targets;
}

const countText = (shown: number, total: number, what: string) =>
  total > shown ? `Showing the first ${shown} of ${total} ${what}; narrow them with the filters.` : `${total} ${what}.`;

async function main(): Promise<void> {
  const [release, places, indicators, themes] = await Promise.all([
    loadJson<ReleaseEntry>("data/release.json"),
    loadJson<PlaceEntry[]>("data/places.json"),
    loadJson<IndicatorEntry[]>("data/indicators.json"),
    loadJson<ThemeEntry[]>("data/themes.json"),
  ]);
  const names = new Map(places.map((p) => [p.district_id, p.name]));
  const themeLabels = new Map(themes.map((t) => [t.theme_code, t]));
  const c = release.counts;
  byId("summary").textContent = `Release v${release.version}: ${c.articles} articles, ${c.districts} places, ${c.targets} targets, ${c.headline_targets} headline targets.`;

  setOptions(controls.place, [["", "All places"], ...places.map((p): [string, string] => [p.district_id, `${p.name} (${p.province ?? p.level}) · ${p.target_count} targets`])]);
  const rowsOf = (i: IndicatorEntry) => i.units.reduce((n, u) => n + u.rows, 0);
  setOptions(controls.indicator, indicators.map((i): [string, string] => [i.indicator, `${i.label_en} · ${i.label_zh} (${rowsOf(i)})`]));
  // The indicator with the most headline rows first (gdp in every release so far).
  const busiest = [...indicators].sort((a, b) => rowsOf(b) - rowsOf(a))[0];
  if (busiest) controls.indicator.value = busiest.indicator;
  setOptions(controls.year, [["", "All years"], ...release.years.map((y): [string, string] => [String(y), String(y)])]);
  setOptions(controls.theme, [["", "All themes"], ...themes.map((t): [string, string] => [t.theme_code, `${t.label_en} · ${t.label_zh}`])]);

  const evidenceBox = byId("evidence-body");
  let chosenRow: HTMLTableRowElement | null = null;
  const choose = (tr: HTMLTableRowElement) => {
    chosenRow?.classList.remove("chosen");
    tr.classList.add("chosen");
    chosenRow = tr;
  };
  const show = (target: PlaceTarget, shard: PlaceShard) => {
    evidenceBox.replaceChildren(...evidence(target, shard, names.get(shard.district_id) ?? shard.district_id));
    document.body.dataset["evidence"] = target.target_id;
  };

  // Each view draws only the latest request: a slow shard must not overwrite a newer choice.
  let headlineTurn = 0;
  async function drawHeadline(): Promise<void> {
    const turn = ++headlineTurn;
    const indicator = indicators.find((i) => i.indicator === controls.indicator.value);
    if (!indicator) return;
    setOptions(controls.unit, indicator.units.map((u): [string, string] => [u.unit, `${u.unit} (${u.rows})`]));
    const all = await loadHeadline(indicator.indicator);
    if (turn !== headlineTurn) return;
    const ofUnit = all.filter((r) => r.unit === controls.unit.value);
    const year = controls.year.value ? Number(controls.year.value) : null;
    const place = controls.place.value;
    const rows = ofUnit.filter((r) => (!place || r.district_id === place) && (year === null || r.year === year));
    const chart = byId("headline-chart");
    chart.replaceChildren(headlineChart(ofUnit, names, place, year, chart.clientWidth || 800));
    byId("headline-tbody").replaceChildren(
      ...headlineRows(rows, names, (row, tr) => {
        choose(tr);
        loadPlace(row.district_id)
          .then((shard) => {
            const target = placeTargets(shard).find((t) => t.target_id === row.target_id);
            if (!target) throw new Error(`target ${row.target_id} is not in the shard of ${row.district_id}`);
            show(target, shard);
          })
          .catch(fail);
      }),
    );
    byId("headline-note").textContent = countText(Math.min(rows.length, MAX_TABLE_ROWS), rows.length, `headline targets for ${indicator.label_en} in ${controls.unit.value}`);
  }

  let placeTurn = 0;
  async function drawPlace(): Promise<void> {
    const turn = ++placeTurn;
    const place = places.find((p) => p.district_id === controls.place.value);
    const section = byId("place-section");
    if (!place) {
      section.hidden = true;
      return;
    }
    const shard = await loadPlace(place.district_id);
    const targets = placeTargets(shard);
    if (turn !== placeTurn) return;
    section.hidden = false;
    byId("place-title").textContent = `${place.name} · ${[place.city, place.province].filter((x) => x && x !== place.name).join(", ") || place.level}`;
    const chart = byId("theme-chart");
    chart.replaceChildren(
      shard.themes.length ? themeChart(shard.themes, themeLabels, controls.theme.value, chart.clientWidth || 700) : h("p", { class: "hint" }, "No theme scores for this place."),
    );
    const year = controls.year.value ? Number(controls.year.value) : null;
    const theme = controls.theme.value;
    const rows = targets.filter((t) => (year === null || t.year === year) && (!theme || t.theme_code === theme));
    byId("place-tbody").replaceChildren(...placeRows(rows, themeLabels, (t, tr) => (choose(tr), show(t, shard))));
    byId("place-note").textContent = countText(Math.min(rows.length, MAX_TABLE_ROWS), rows.length, `targets of ${place.name}`);
  }

  // body[data-state] is "ready" once no draw is pending: what a script or a test waits for.
  let pending = 0;
  const draw = async (views: (() => Promise<void>)[]) => {
    pending++;
    document.body.dataset["state"] = "loading";
    try {
      await Promise.all(views.map((v) => v()));
      if (--pending === 0) document.body.dataset["state"] = "ready";
    } catch (error) {
      pending--;
      fail(error);
    }
  };
  controls.indicator.addEventListener("change", () => {
    controls.unit.value = "";
    void draw([drawHeadline]);
  });
  controls.unit.addEventListener("change", () => void draw([drawHeadline]));
  controls.place.addEventListener("change", () => void draw([drawHeadline, drawPlace]));
  controls.year.addEventListener("change", () => void draw([drawHeadline, drawPlace]));
  controls.theme.addEventListener("change", () => void draw([drawPlace]));
  await draw([drawHeadline, drawPlace]);
}

function fail(error: unknown): void {
  console.error(error);
  document.body.dataset["state"] = "error";
  byId("error").textContent = `Could not load the data: ${error instanceof Error ? error.message : String(error)}`;
  byId("error").hidden = false;
}

main().catch(fail);
