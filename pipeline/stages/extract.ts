import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { DistrictRow } from "../../schemas/districts.ts";
import type { NormalizedArticle } from "../../schemas/normalized-article.ts";
import type { ThemeRow } from "../../schemas/themes.ts";
import type { DistrictCandidate } from "../districts/resolve-district.ts";
import { extractArticle, type ArticleRows } from "../extract/extract-article.ts";
import { JsonlWriter, readJsonl, writeJsonl } from "../lib/files.ts";
import { requireInput } from "../lib/require-input.ts";
import type { Stage } from "../stage.ts";
import { aggregateDistrictThemes } from "../themes/aggregate-district-themes.ts";
import { codebook } from "../themes/codebook.ts";

export const extract: Stage = {
  name: "extract",
  description: "resolve districts, score themes and extract targets per article",
  reads: "normalize",
  async run({ paths, log }) {
    await requireInput(paths.normalizeManifest, "normalize");
    await rm(join(paths.extractTable("articles"), ".."), { recursive: true, force: true });
    const writers = new Map<string, JsonlWriter>();
    const districts = new Map<string, { row: DistrictCandidate; count: number }>();
    const themeRows: ThemeRow[] = [];
    try {
      for await (const { article_id } of readJsonl<{ article_id: string }>(paths.normalizeManifest)) {
        const doc = JSON.parse(await readFile(paths.normalizedArticle(article_id), "utf8")) as NormalizedArticle;
        const result = extractArticle(doc);
        themeRows.push(...result.rows.themes);
        for (const [table, rows] of Object.entries(result.rows) as Array<[keyof ArticleRows, unknown[]]>) {
          if (!writers.has(table)) writers.set(table, await JsonlWriter.open(paths.extractTable(table)));
          for (const row of rows) await writers.get(table)!.write(row);
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
    counts.district_themes = await writeJsonl(paths.extractTable("district_themes"), aggregateDistrictThemes(themeRows, districtRows));
    counts.theme_codebook = await writeJsonl(
      paths.extractTable("theme_codebook"),
      codebook.map(({ terms, ...entry }) => ({ ...entry, terms: terms.join("|") })),
    );
    log(`extract: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(", ")}`);
  },
};
