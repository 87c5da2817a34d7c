import { build } from "esbuild";
import { access, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { IndicatorRow } from "../../schemas/indicators.ts";
import type { ThemeCodebookRow } from "../../schemas/theme-codebook.ts";
import { sha256Hex } from "../lib/hash.ts";
import { atPath } from "../lib/io-error.ts";
import { projectRoot } from "../lib/paths.ts";
import type { FileFacts } from "../publish/datapackage.ts";
import { openReleaseDatabase } from "./release-database.ts";
import { siteData, SOURCE_COLUMNS, type ReleaseTables } from "./site-data.ts";

const PAGE = join(projectRoot, "pipeline", "site", "page");
/** Files a folder must hold before buildSite replaces it: it never deletes a folder it did not make. */
const SITE_MARKERS = ["index.html", "explorer.js"];

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** The release's tables as the site reads them: the codebooks from their JSON files, the rest from its database. */
async function readTables(releaseDir: string): Promise<{ tables: ReleaseTables; close(): void }> {
  const pkg = JSON.parse(await readFile(join(releaseDir, "datapackage.json"), "utf8")) as {
    name: string; title: string; version: string; resources: Array<{ name: string; path: string }>;
  };
  const database = pkg.resources.find((r) => r.name === "database");
  if (!database) throw new Error(`${releaseDir}: datapackage.json lists no database, which the explorer reads (releases from v0.5.0 have one)`);
  const json = async <T>(name: string): Promise<T[]> => JSON.parse(await readFile(join(releaseDir, `${name}.json`), "utf8")) as T[];
  const source = openReleaseDatabase(join(releaseDir, database.path));
  const tables: ReleaseTables = {
    release: { name: pkg.name, title: pkg.title, version: pkg.version },
    articles: source.rows("articles", SOURCE_COLUMNS.articles),
    districts: source.rows("districts", SOURCE_COLUMNS.districts),
    indicators: await json<IndicatorRow>("indicators"),
    themeCodebook: await json<ThemeCodebookRow>("theme_codebook"),
    districtThemes: source.rows("district_themes", SOURCE_COLUMNS.district_themes),
    headline: source.rows("headline_targets", SOURCE_COLUMNS.headline_targets),
    outcomes: source.rows("target_outcomes", SOURCE_COLUMNS.target_outcomes, ["met"]),
    targets: { summary: source.targetSummary(), ofPlace: (id) => source.targetsOf(id) },
  };
  return { tables, close: () => source.close() };
}

/**
 * The page's code and its libraries in one file; fixed options and no source map, so the bytes depend on the code only.
 * Bundled once per process: the code cannot change while it runs, and a process that publishes many releases (the
 * tests: about 40) would otherwise spend some 90 ms of esbuild on each.
 */
let bundled: Promise<Uint8Array> | undefined;
function bundlePage(): Promise<Uint8Array> {
  bundled ??= bundle().catch((error: unknown) => {
    bundled = undefined; // a failed bundle is not kept: the next release tries again
    throw error;
  });
  return bundled;
}

async function bundle(): Promise<Uint8Array> {
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
 * bundled), explorer.css and data/ shards, each file as soon as it is made. The same release gives the same bytes.
 * The site is written beside outDir and then moved into place, so a failed build leaves the previous site as it was.
 * Returns each file (path under outDir) with its size and hash, sorted by path.
 */
export async function buildSite(releaseDir: string, outDir: string): Promise<FileFacts[]> {
  if (!(await replaceable(outDir))) throw new Error(`${outDir} is not empty and holds no site: choose another folder`);
  const { tables, close } = await readTables(releaseDir);
  const partial = `${outDir}.partial`;
  const files: FileFacts[] = [];
  const write = async (path: string, content: string | Uint8Array) => {
    const file = join(partial, path);
    await atPath("creating", dirname(file), () => mkdir(dirname(file), { recursive: true }));
    await atPath("writing", file, () => writeFile(file, content));
    files.push({ path, bytes: typeof content === "string" ? Buffer.byteLength(content) : content.length, sha256: sha256Hex(content) });
  };
  try {
    await rm(partial, { recursive: true, force: true });
    const title = `${tables.release.title} · v${tables.release.version}`;
    await write("index.html", (await readFile(join(PAGE, "index.html"), "utf8")).replaceAll("{{title}}", escapeHtml(title)));
    await write("explorer.js", await bundlePage());
    await write("explorer.css", await readFile(join(PAGE, "explorer.css"), "utf8"));
    for (const [path, value] of siteData(tables)) await write(path, JSON.stringify(value));
  } finally {
    close();
  }
  if (await access(outDir).then(() => true, () => false)) await rm(outDir, { recursive: true });
  await rename(partial, outDir);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
