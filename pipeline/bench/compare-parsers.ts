/**
 * Measures the quantity parsers on the gold file: @microsoft/recognizers-text-number-with-unit (zh-cn numbers,
 * percentages, currency, dimensions) against findQuantities. Numbers in pipeline/targets/README.md come from here:
 *   node --import tsx pipeline/targets/compare-parsers.ts --build DIR   (after the normalize stage)
 */
import { parseArgs } from "node:util";
import * as numbers from "@microsoft/recognizers-text-number";
import * as withUnit from "@microsoft/recognizers-text-number-with-unit";
import { readFile } from "node:fs/promises";
import type { NormalizedArticle } from "../../schemas/normalized-article.ts";
import { readJsonlAll } from "../lib/files.ts";
import { identity } from "../text/mapped-text.ts";
import { toSimplified } from "../normalize/to-simplified.ts";
import { normalizeWidth } from "../normalize/width.ts";
import { buildPaths, defaultDirs, goldFiles } from "../lib/paths.ts";
import { loadGold, type GoldRow } from "../eval/evaluate-targets.ts";
import { findQuantities } from "../targets/find-quantities.ts";

interface Found {
  start: number;
  end: number;
  value: number;
  value_high: number | null;
  unit: string | null;
}

const CULTURE = "zh-cn";
const LIBRARY_UNITS: Record<string, string> = { CNY: "CNY", USD: "USD", Kilometer: "km", Mu: "mu", "Square meter": "sqm" };

/** Library results, the most specific first; a bare number inside a currency, dimension or percentage is dropped. */
function library(text: string): Found[] {
  const results = [
    ...withUnit.recognizeCurrency(text, CULTURE),
    ...withUnit.recognizeDimension(text, CULTURE),
    ...numbers.recognizePercentage(text, CULTURE),
    ...numbers.recognizeNumber(text, CULTURE),
  ];
  const kept: Found[] = [];
  for (const r of results) {
    if (kept.some((k) => k.start <= r.start && r.end + 1 <= k.end)) continue;
    const res = r.resolution as { value?: string; unit?: string; isoCurrency?: string };
    const value = Number(String(res.value ?? "").replace("%", ""));
    if (!Number.isFinite(value)) continue;
    const unit = r.typeName === "percentage" ? "percent" : (LIBRARY_UNITS[res.isoCurrency ?? res.unit ?? ""] ?? null);
    kept.push({ start: r.start, end: r.end + 1, value, value_high: null, unit });
  }
  return kept;
}

function own(text: string): Found[] {
  return findQuantities(text);
}

const same = (g: GoldRow, f: Found, withUnitToo: boolean) =>
  f.value === g.value && (f.value_high ?? null) === g.value_high && (!withUnitToo || f.unit === g.unit);

function measure(name: string, parse: (text: string) => Found[], gold: GoldRow[], docs: NormalizedArticle[]): string {
  const required = gold.filter((g) => g.required === "yes");
  // Quotes are raw (Traditional, full-width); the parsers see normalized text in the pipeline.
  const quote = (g: GoldRow) => toSimplified(normalizeWidth(identity(g.quote))).text;
  const recall = (withUnitToo: boolean) => required.filter((g) => parse(quote(g)).some((f) => same(g, f, withUnitToo))).length;
  let emitted = 0;
  let hits = 0;
  for (const doc of docs) {
    const rows = gold.filter((g) => g.file === doc.source_file);
    for (const s of doc.sentences) {
      for (const f of parse(doc.text.slice(s.start, s.end))) {
        emitted++;
        if (rows.some((g) => same(g, f, false))) hits++;
      }
    }
  }
  const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
  return `| ${name} | ${recall(false)}/${required.length} (${pct(recall(false), required.length)}) | ${recall(true)}/${required.length} (${pct(recall(true), required.length)}) | ${hits}/${emitted} (${pct(hits, emitted)}) |`;
}

const { values } = parseArgs({ options: { build: { type: "string", default: defaultDirs.build } } });
const paths = buildPaths({ ...defaultDirs, build: values.build });
const gold = await loadGold(goldFiles.targets);
const manifest = await readJsonlAll<{ article_id: string }>(paths.normalizeManifest);
const docs = await Promise.all(manifest.map(async (m) => JSON.parse(await readFile(paths.normalizedArticle(m.article_id), "utf8")) as NormalizedArticle));
console.log("| parser | value recall (required, on the gold quote) | value+unit recall | candidates in the articles that are gold quantities |");
console.log("|---|---|---|---|");
console.log(measure("recognizers-text (zh-cn)", library, gold, docs));
console.log(measure("findQuantities", own, gold, docs));
