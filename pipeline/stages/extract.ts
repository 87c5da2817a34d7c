import { readFile } from "node:fs/promises";
import type { DistrictRow } from "../../schemas/districts.ts";
import type { DistrictCandidate } from "../districts/resolve-district.ts";
import type { ArticleExtraction, ArticleRows } from "./extract-article.ts";
import { JsonlWriter, readJsonlAll, writeJsonl } from "../lib/files.ts";
import { failedItems, reportRejections, type ItemResult, type PerItem, type StageContext } from "./stage.ts";
import type { NormalizedEntry } from "../../schemas/normalized-article.ts";
import { aggregateDistrictThemes, type ArticleThemeWeight } from "../themes/aggregate-district-themes.ts";
import { codebook } from "../../schemas/theme-codebook.ts";
import type { HeadlineTargetRow } from "../../schemas/headline-targets.ts";
import { indicatorRows } from "../indicators/indicator-rows.ts";
import { mergePanel } from "../indicators/headline-panel.ts";
import { linkOutcomes, type Achievement } from "../indicators/link-outcomes.ts";
import type { ExtractItem } from "./extract-file.ts";
import { sourceRows } from "../ingest/source-rows.ts";
import type { SourceListing } from "../ingest/parse-sources.ts";

type Paths = StageContext["paths"];

/**
 * Concatenates the per-article outputs into the tables, in manifest order, one article in memory at a time;
 * districts and district themes are aggregated from small per-article summaries.
 */
async function writeTables(paths: Paths, outputs: readonly string[]): Promise<Record<string, number>> {
  const writers = new Map<string, JsonlWriter>();
  const districts = new Map<string, { row: DistrictCandidate; count: number }>();
  const weights: ArticleThemeWeight[] = [];
  const headlines: HeadlineTargetRow[][] = [];
  const achievements: Achievement[] = [];
  const reportYears = new Map<string, number | null>();
  const articles: Array<{ article_id: string; source_file: string }> = [];
  try {
    for (const output of outputs) {
      const result = JSON.parse(await readFile(output, "utf8")) as ArticleExtraction;
      headlines.push(result.headline);
      for (const a of result.rows.articles) {
        reportYears.set(a.article_id, a.report_year);
        articles.push({ article_id: a.article_id, source_file: a.source_file });
      }
      for (const t of result.rows.targets) {
        if (t.kind === "achievement" && t.indicator !== null && t.year !== null) achievements.push({ ...t, report_year: reportYears.get(t.article_id) ?? null });
      }
      for (const [table, rows] of Object.entries(result.rows) as Array<[keyof ArticleRows, unknown[]]>) {
        if (!writers.has(table)) writers.set(table, await JsonlWriter.open(paths.extractTable(table)));
        for (const row of rows) await writers.get(table)!.write(row);
      }
      for (const { article_id, district_id, theme_code, term_count, sentence_count, weight } of result.rows.themes) {
        weights.push({ article_id, district_id, theme_code, term_count, sentence_count, weight });
      }
      if (result.district) {
        const entry = districts.get(result.district.district_id) ?? { row: result.district, count: 0 };
        entry.count++;
        districts.set(result.district.district_id, entry);
      }
    }
  } catch (error) {
    await Promise.all([...writers.values()].map((w) => w.abort()));
    throw error;
  }
  const counts = Object.fromEntries(await Promise.all([...writers].map(async ([name, w]) => [name, await w.close()] as const)));
  const districtRows: DistrictRow[] = [...districts.values()]
    .map(({ row, count }) => ({ ...row, article_count: count }))
    .sort((a, b) => a.district_id.localeCompare(b.district_id));
  counts.districts = await writeJsonl(paths.extractTable("districts"), districtRows);
  counts.sources = await writeJsonl(paths.extractTable("sources"), sourceRows(articles, await readJsonlAll<SourceListing>(paths.ingestSources)));
  counts.district_themes = await writeJsonl(paths.extractTable("district_themes"), aggregateDistrictThemes(weights, districtRows));
  counts.theme_codebook = await writeJsonl(
    paths.extractTable("theme_codebook"),
    codebook.map((entry) => ({ ...entry, terms: [...entry.terms] })),
  );
  counts.indicators = await writeJsonl(paths.extractTable("indicators"), indicatorRows());
  const panel = mergePanel(headlines);
  counts.headline_targets = await writeJsonl(paths.extractTable("headline_targets"), panel);
  counts.target_outcomes = await writeJsonl(paths.extractTable("target_outcomes"), linkOutcomes(panel, achievements, reportYears));
  return counts;
}

/** Each normalized article, extracted in the pool, cached by the normalized JSON's hash. */
export const perItem: PerItem<ExtractItem> = {
  items: async ({ paths }) =>
    (await readJsonlAll<NormalizedEntry>(paths.normalizeManifest)).map((entry) => ({ ...entry, path: paths.normalizedArticle(entry.article_id) })),
  task: { module: new URL("./extract-file.ts", import.meta.url), exportName: "extractFile" },
  folder: (paths) => paths.extractedArticles,
  file: (entry) => `${entry.article_id}.json`,
  inputSha256: (entry) => entry.sha256,
  name: (entry) => entry.source_file,
};

/** The tables, concatenated from the per-article outputs in manifest order, without the articles left out. */
export async function finish(ctx: StageContext, results: ReadonlyArray<ItemResult<ExtractItem, null>>): Promise<void> {
  const { paths, log } = ctx;
  const rejected = failedItems("extract", results);
  await reportRejections(ctx, "extract", rejected, results.length - rejected.length);
  const counts = await writeTables(paths, results.flatMap((r) => (r.ok ? [paths.extractedArticle(r.item.article_id)] : [])));
  log(`extract: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(", ")}; ${rejected.length} rejected`);
}
