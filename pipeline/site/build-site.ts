import { build } from "esbuild";
import { access, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { ArticleRow } from "../../schemas/articles.ts";
import type { DistrictThemeRow } from "../../schemas/district-themes.ts";
import type { DistrictRow } from "../../schemas/districts.ts";
import type { HeadlineTargetRow } from "../../schemas/headline-targets.ts";
import type { IndicatorRow } from "../../schemas/indicators.ts";
import type { TargetOutcomeRow } from "../../schemas/target-outcomes.ts";
import type { ThemeCodebookRow } from "../../schemas/theme-codebook.ts";
import type { TargetRow } from "../../schemas/targets.ts";
import { projectRoot } from "../paths.ts";
import { PLACE_TARGET_COLUMNS, type SourceTarget } from "./place-shard.ts";
import { readAllReleaseRows, readReleaseRows } from "./read-release-rows.ts";
import { siteData, type ReleaseTables } from "./site-data.ts";

const PAGE = join(projectRoot, "pipeline", "site", "page");
/** Files a folder must hold before buildSite replaces it: it never deletes a folder it did not make. */
const SITE_MARKERS = ["index.html", "explorer.js"];

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

async function readTables(releaseDir: string): Promise<ReleaseTables> {
  const pkg = JSON.parse(await readFile(join(releaseDir, "datapackage.json"), "utf8")) as { name: string; title: string; version: string };
  const targets: SourceTarget[] = [];
  // Only the columns the shards show: a big release's targets would not fit in memory whole.
  for await (const row of readReleaseRows<TargetRow>(releaseDir, "targets")) {
    const kept = { district_id: row.district_id, sentence: row.sentence } as SourceTarget;
    for (const column of PLACE_TARGET_COLUMNS) (kept as Record<string, unknown>)[column] = row[column];
    targets.push(kept);
  }
  const articles = (await readAllReleaseRows<ArticleRow>(releaseDir, "articles")).map(({ article_id, title, report_year, district_id }) => ({ article_id, title, report_year, district_id }));
  return {
    release: { name: pkg.name, title: pkg.title, version: pkg.version },
    articles,
    districts: await readAllReleaseRows<DistrictRow>(releaseDir, "districts"),
    indicators: await readAllReleaseRows<IndicatorRow>(releaseDir, "indicators"),
    themeCodebook: await readAllReleaseRows<ThemeCodebookRow>(releaseDir, "theme_codebook"),
    districtThemes: await readAllReleaseRows<DistrictThemeRow>(releaseDir, "district_themes"),
    headline: await readAllReleaseRows<HeadlineTargetRow>(releaseDir, "headline_targets"),
    outcomes: await readAllReleaseRows<TargetOutcomeRow>(releaseDir, "target_outcomes"),
    targets,
  };
}

/** The page's code and its libraries in one file; fixed options and no source map, so the bytes depend on the code only. */
async function bundlePage(): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [join(PAGE, "main.ts")],
    absWorkingDir: projectRoot,
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    charset: "utf8",
    legalComments: "eof",
    logLevel: "silent",
  });
  return result.outputFiles[0]!.contents;
}

async function replaceable(dir: string): Promise<boolean> {
  const names = await readdir(dir).catch(() => null);
  return names === null || names.length === 0 || SITE_MARKERS.every((m) => names.includes(m));
}

/**
 * Writes the explorer of the release in releaseDir into outDir: index.html, explorer.js (page and chart library,
 * bundled), explorer.css and data/ shards. The same release gives the same bytes. The site is written beside
 * outDir and then moved into place, so a failed build leaves the previous site as it was.
 */
export async function buildSite(releaseDir: string, outDir: string): Promise<{ files: string[] }> {
  if (!(await replaceable(outDir))) throw new Error(`${outDir} is not empty and holds no site: choose another folder`);
  const tables = await readTables(releaseDir);
  const files = new Map<string, string | Uint8Array>();
  const title = `${tables.release.title} · v${tables.release.version}`;
  files.set("index.html", (await readFile(join(PAGE, "index.html"), "utf8")).replaceAll("{{title}}", escapeHtml(title)));
  files.set("explorer.js", await bundlePage());
  files.set("explorer.css", await readFile(join(PAGE, "explorer.css"), "utf8"));
  for (const [path, value] of siteData(tables)) files.set(path, JSON.stringify(value));

  const partial = `${outDir}.partial`;
  await rm(partial, { recursive: true, force: true });
  for (const [path, content] of files) {
    await mkdir(dirname(join(partial, path)), { recursive: true });
    await writeFile(join(partial, path), content);
  }
  if (await access(outDir).then(() => true, () => false)) await rm(outDir, { recursive: true });
  await rename(partial, outDir);
  return { files: [...files.keys()].sort() };
}
