import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, rm, stat, statfs } from "node:fs/promises";
import { tmpdir } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { expect, inject, onTestFinished } from "vitest";
import { tables as tableDefs } from "../schemas/index.ts";
import type { NormalizedArticle } from "../schemas/normalized-article.ts";
import { classifyFile } from "../pipeline/ingest/classify-file.ts";
import { sha256Hex } from "../pipeline/lib/hash.ts";
import { normalizeArticle } from "../pipeline/normalize/normalize-article.ts";
import { extractTargets } from "../pipeline/targets/extract-targets.ts";
import { articleView } from "../pipeline/text/article-view.ts";
import { defaultDirs, type Dirs } from "../pipeline/lib/paths.ts";
import { runStages } from "../pipeline/stages/run-stages.ts";
import type { TableRows } from "../pipeline/lib/table-rows.ts";
import type { SharedBuildOutcome } from "./global-setup.ts";
import { buildRelease, type ReleaseOptions } from "../pipeline/publish/build-release.ts";
import type { DatasetInfo } from "../pipeline/publish/dataset-info.ts";
import { writeRelease, type PublishOptions } from "../pipeline/publish/write-release.ts";

type Cleanup = () => Promise<void> | void;
/** Cleanups asked for outside a test (in a beforeAll hook, or while the file is collected), last first. */
const afterFile: Cleanup[] = [];

/**
 * Runs `cleanup` when the test that calls it ends, or, outside a test, once the file's tests and hooks are done
 * (tests/clean-up.ts): vitest never runs an afterAll registered inside a test or a beforeAll hook.
 */
function cleanUp(cleanup: Cleanup): void {
  try {
    onTestFinished(cleanup);
  } catch {
    afterFile.push(cleanup);
  }
}

/** Runs and forgets the cleanups of the file that just ran, last-registered first (a disk is unmounted before its folder goes). */
export async function cleanUpFile(): Promise<void> {
  for (const cleanup of afterFile.splice(0).reverse()) await cleanup();
}

/** A fresh temporary folder, removed after the test (or, made outside one, after the file's tests). */
export async function tempDir(prefix = "plans-"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  cleanUp(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs stages in this thread on a raw folder (default: the project's raw/), into a temporary build and dist. */
export async function runPipeline(stage = "all", raw = defaultDirs.raw): Promise<Dirs> {
  const root = await tempDir();
  const dirs = { raw, build: join(root, "build"), dist: join(root, "dist") };
  await runStages(stage, { dirs, jobs: 1, log: () => {} });
  return dirs;
}

/**
 * `expect(actual).toEqual(expected)` for whole tables: Node's strict deep equality, which implies vitest's, decides
 * (vitest's own comparisons took 5 CPU-s of a run, 1.6 s of it on one 70,000-row table); vitest compares only to show a difference.
 */
export function expectEqual(actual: unknown, expected: unknown, message?: string): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual, message).toEqual(expected);
}

/**
 * A release folder's tables as its JSON files hold them, each parsed once: for tests that only read the rows. The
 * folder is asked for when a table is first read (a test file knows it only once its beforeAll has run).
 */
export function releaseTables(folder: () => string): (name: string) => Row[] {
  const parsed = new Map<string, Row[]>();
  return (name) => {
    let rows = parsed.get(name);
    if (!rows) parsed.set(name, (rows = JSON.parse(readFileSync(join(folder(), `${name}.json`), "utf8")) as Row[]));
    return rows;
  };
}

let shared: Promise<Dirs> | undefined;
/**
 * The build of raw/ made once per test run (tests/global-setup.ts), once it is done: read it, never write into it.
 * A failed build fails every test that reads it, with the build's own last words.
 */
export function sharedBuild(): Promise<Dirs> {
  shared ??= (async () => {
    const { raw, build, dist, done } = inject("sharedBuild");
    while (!existsSync(done)) await sleep(50);
    const { code, signal, error, log } = JSON.parse(await readFile(done, "utf8")) as SharedBuildOutcome;
    if (code !== 0) throw new Error(`the shared build (pipeline/cli.ts all on raw/) failed: ${error ?? `exit ${code ?? signal}`}\n${(await readFile(log, "utf8")).slice(-4000)}`);
    return { raw, build, dist };
  })();
  return shared;
}

/** A private copy of a build folder (by default the shared one), with its release (`dist`) copied too or left empty. */
export async function copyOfSharedBuild({ withDist = false, of }: { withDist?: boolean; of?: Dirs } = {}): Promise<Dirs> {
  of ??= await sharedBuild();
  const root = await tempDir("build-copy-");
  const dirs = { raw: of.raw, build: join(root, "build"), dist: join(root, "dist") };
  await cp(of.build, dirs.build, { recursive: true });
  if (withDist) await cp(of.dist, dirs.dist, { recursive: true });
  return dirs;
}

/** Every stage run on the first `articles` development articles: a build a child process publishes in a second. */
export async function smallBuild(articles = 2): Promise<Dirs> {
  const raw = await tempDir("raw-");
  for (const name of devFiles.slice(0, articles)) await cp(join(defaultDirs.raw, name), join(raw, name));
  return runPipeline("all", raw);
}

/** Tables held in memory, read the way publish reads the validated tables: a fresh stream per call. */
export const inMemoryRows = (tables: Readonly<Record<string, ReadonlyArray<Record<string, unknown>>>>): TableRows =>
  (name) => (async function* () {
    yield* tables[name] ?? [];
  })();

type Row = Record<string, unknown>;
export type Tables = Record<string, Row[]>;

/**
 * The shared release's rows of its first `articles` articles (and the districts and codebook they refer to): tests
 * about how releases are written need a few articles, not the whole corpus.
 */
export async function releaseRows({ dist }: Dirs, articles = 3): Promise<Tables> {
  const folder = (await readdir(dist)).find((n) => /^v\d/.test(n))!;
  const all: Tables = Object.fromEntries(
    await Promise.all(tableDefs.map(async (t) => [t.name, JSON.parse(await readFile(join(dist, folder, `${t.name}.json`), "utf8")) as Row[]] as const)),
  );
  const kept = new Set(all.articles!.slice(0, articles).map((a) => a["article_id"]));
  const districts = new Set(all.articles!.filter((a) => kept.has(a["article_id"])).map((a) => a["district_id"]));
  const keep = (row: Row) => ("article_id" in row ? kept.has(row["article_id"]) : "district_id" in row ? districts.has(row["district_id"]) : true);
  return Object.fromEntries(Object.entries(all).map(([name, rows]) => [name, rows.filter(keep)]));
}

/** Publishes rows held in memory as release `release.version` into dist. */
export const publishRows = (dist: string, release: DatasetInfo, rows: Tables, options: ReleaseOptions = {}, publish: PublishOptions = {}) =>
  writeRelease(dist, release, (dir) => buildRelease(dir, release, tableDefs, inMemoryRows(rows), options), publish);

let tmpfs: boolean | undefined;
/** Whether this process may mount a tmpfs (root on Linux): the full-disk tests need one, and are skipped without. */
export function canMountTmpfs(): boolean {
  if (tmpfs === undefined) {
    const dir = mkdtempSync(join(tmpdir(), "tmpfs-probe-"));
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=4k", "tmpfs", dir], { stdio: "ignore" });
      execFileSync("umount", [dir]);
      tmpfs = true;
    } catch {
      tmpfs = false;
    }
    rmSync(dir, { recursive: true });
  }
  return tmpfs;
}

export interface SmallDisk {
  dir: string;
  /** Inodes in use (tmpfs counts a hard link as one). */
  inodesUsed(): Promise<number>;
  /** Changes the disk's limits in place, keeping its files. */
  resize(limits: { bytes: number; inodes: number }): void;
}

/** A folder on a tmpfs of its own, `bytes` large with `inodes` inodes, unmounted after the file's tests: a disk that fills up. */
export async function smallDisk(limits: { bytes: number; inodes: number }): Promise<SmallDisk> {
  const dir = await tempDir("disk-");
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${limits.bytes},nr_inodes=${limits.inodes}`, "tmpfs", dir]);
  // Cleanups run last-registered first: unmounted before tempDir removes the folder. Lazily: a worker thread a failed
  // run terminated may not have closed its files on the disk yet.
  cleanUp(() => void execFileSync("umount", ["--lazy", dir]));
  return {
    dir,
    inodesUsed: async () => {
      const { files, ffree } = await statfs(dir);
      return files - ffree;
    },
    resize: ({ bytes, inodes }) => execFileSync("mount", ["-o", `remount,size=${bytes},nr_inodes=${inodes}`, dir]),
  };
}

/** Every file under dir (and its folders), by relative path, as its hash: two equal snapshots are byte-identical trees. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    if ((await stat(path)).isDirectory()) {
      for (const [inner, hash] of Object.entries(await snapshot(path))) out[`${name}/${inner}`] = hash;
    } else out[name] = sha256Hex(await readFile(path));
  }
  return out;
}

/** Ingest and normalize one file's bytes as the pipeline does. */
export function normalizedDoc(name: string, bytes: Uint8Array): NormalizedArticle {
  const result = classifyFile(name, bytes);
  if (result.status !== "accepted") throw new Error(`${name}: ${result.reason}`);
  const { status: _status, text, ...record } = result;
  return normalizeArticle(record, text);
}

/** A short article written for a test, in the style of the real ones. */
export const articleOf = (text: string) => normalizedDoc("written.txt", new TextEncoder().encode(text));

/** The raw files of the five development articles (000_… to 004_…), the ones tests/gold/targets-dev.csv labels. */
export const devFiles = (await readdir(defaultDirs.raw)).filter((f) => /^\d{3}_.*\.txt$/u.test(f)).sort();

/**
 * Every third text of raw/ in name order (development articles, city, 海拉尔 GBK and national reports among
 * them): the corpus of the tests that run the stages more than once to compare the runs.
 */
export const everyThirdText = (await readdir(defaultDirs.raw)).filter((f) => f.endsWith(".txt")).sort().filter((_, i) => i % 3 === 0);

/** How many surrogate halves (U+D800–U+DFFF) there are: code points that fast-check's `unit: "binary"` never draws. */
const SURROGATES = 0x800;
/**
 * Strings of any code points (no lone surrogate halves), as `fc.string({ unit: "binary" })` makes them: that unit
 * first maps every one of the 1,112,064 code points to build its shrinker, about 1 s in each test thread.
 */
export const anyText = () => fc.string({ unit: fc.integer({ min: 0, max: 0x10ffff - SURROGATES }).map((i) => String.fromCodePoint(i < 0xd800 ? i : i + SURROGATES)) });

/** The five development articles, keyed by their three-digit file prefix (000 … 004). */
export async function realArticles(): Promise<Map<string, NormalizedArticle>> {
  const docs = await Promise.all(devFiles.map(async (n) => [n.slice(0, 3), normalizedDoc(n, await readFile(join(defaultDirs.raw, n)))] as const));
  return new Map(docs);
}

/** A corpus report (raw/<name>), normalized. */
export const corpusDoc = async (name: string) => normalizedDoc(name, await readFile(join(defaultDirs.raw, name)));

/** The article with its report year set, as a dated page would fix it. */
export const inYear = (doc: NormalizedArticle, year: number | null): NormalizedArticle => ({ ...doc, date: { ...doc.date, report_year: year } });

/** Target rows of a normalized article, through the view every extractor reads. */
export const targetsOfDoc = (doc: NormalizedArticle) => extractTargets(articleView(doc), null);

/** The rows of a document whose quantity stands inside the first occurrence of `phrase` in its normalized text. */
export function rowsIn(doc: NormalizedArticle, phrase: string) {
  const at = doc.text.indexOf(phrase);
  if (at < 0) throw new Error(`${doc.source_file}: no ${phrase}`);
  const start = [...doc.text.slice(0, at)].length;
  const end = start + [...phrase].length;
  return targetsOfDoc(doc).filter((r) => r.char_start >= start && r.char_end <= end);
}

/** Eightfold input, at most this much more time: linear work takes about 8 times as long, quadratic 64. */
export const LINEAR_GROWTH = 24;

/**
 * How much longer `run` takes when its input grows eightfold: the fastest of `runs` timings on make(8n) over the
 * fastest on make(n). A ratio of sizes, not a time: noise only ever adds time, so minima are the steady estimate,
 * and the bound sits three times over linear and well under quadratic. n should make an input of a couple of
 * thousand characters (`repeatsFor`): on shorter ones a quadratic step still hides behind the linear ones (main's
 * quote scan passed at 64 repeats of 1%). n doubles (four times at most) until one run takes `minMs`, so the clock's
 * grain does not decide the ratio; a measurement that caught a pause of the machine is made again (up to three
 * times), while quadratic work stays over the bound in every one.
 */
export function growth<T>(make: (n: number) => T, run: (input: T) => unknown, { n, minMs = 2, runs = 3 }: { n: number; minMs?: number; runs?: number }): number {
  const fastest = (input: T) => {
    let best = Infinity;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      run(input);
      best = Math.min(best, performance.now() - started);
    }
    return best;
  };
  let size = n;
  let base = fastest(make(size));
  while (base < minMs && size < 16 * n) base = fastest(make((size *= 2)));
  let ratio = Infinity;
  for (let attempt = 0; attempt < 3 && ratio >= LINEAR_GROWTH; attempt++) ratio = Math.min(ratio, fastest(make(8 * size)) / fastest(make(size)));
  return ratio;
}

/**
 * Pieces that made some step quadratic when repeated inside one sentence or line (quote scans, trims anchored at a
 * line end, per-quantity rescans of the clause, numeral runs), to be repeated and joined by the time properties.
 */
export const runawayPieces = [
  "1%", "增长1%，", "1%-", " ", "\f", "\u3000", "一", "两个", "增长", "“1个", "《", "\n\n1、", "保8争9", "到2025年1%", "、", "，", "。",
  "\u200b", "<p>", "<script>", "&amp;", "[1]", "(zhì)", "下转第3版", "髁", "\ufffd", "均达", "分别",
];

/** Repeats of a piece that make an input of about `chars` characters, for `growth`. */
export const repeatsFor = (unit: string, chars = 2000) => Math.ceil(chars / Math.max(1, unit.length));

/** A report whose one sentence holds `unit` n times. */
export const runawaySentence = (unit: string, n: number) => `北海市政府工作报告\n今年地区生产总值${unit.repeat(n)}增长6%。\n`;
