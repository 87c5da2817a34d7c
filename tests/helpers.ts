import { cp, mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, inject } from "vitest";
import type { NormalizedArticle } from "../schemas/normalized-article.ts";
import { classifyFile } from "../pipeline/ingest/classify-file.ts";
import { sha256Hex } from "../pipeline/lib/hash.ts";
import { normalizeArticle } from "../pipeline/normalize/normalize-article.ts";
import { extractTargets } from "../pipeline/targets/extract-targets.ts";
import { articleView } from "../pipeline/text/article-view.ts";
import { defaultDirs, type Dirs } from "../pipeline/lib/paths.ts";
import { runStages } from "../pipeline/stages/run-stages.ts";
import type { TableRows } from "../pipeline/lib/table-rows.ts";

/** A fresh temporary folder, removed after the file's tests. */
export async function tempDir(prefix = "plans-"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs stages in this thread on a raw folder (default: the project's raw/), into a temporary build and dist. */
export async function runPipeline(stage = "all", raw = defaultDirs.raw): Promise<Dirs> {
  const root = await tempDir();
  const dirs = { raw, build: join(root, "build"), dist: join(root, "dist") };
  await runStages(stage, { dirs, jobs: 1, log: () => {} });
  return dirs;
}

/** The build of raw/ made once per test run (tests/global-setup.ts): read it, never write into it. */
export const sharedBuild = (): Dirs => {
  const { raw, build, dist } = inject("sharedBuild");
  return { raw, build, dist };
};

/** A private copy of the shared build folder, with the shared release (`dist`) copied too or left empty. */
export async function copyOfSharedBuild({ withDist = false } = {}): Promise<Dirs> {
  const shared = sharedBuild();
  const root = await tempDir("build-copy-");
  const dirs = { raw: shared.raw, build: join(root, "build"), dist: join(root, "dist") };
  await cp(shared.build, dirs.build, { recursive: true });
  if (withDist) await cp(shared.dist, dirs.dist, { recursive: true });
  return dirs;
}

/** Tables held in memory, read the way publish reads the validated tables: a fresh stream per call. */
export const inMemoryRows = (tables: Readonly<Record<string, ReadonlyArray<Record<string, unknown>>>>): TableRows =>
  (name) => (async function* () {
    yield* tables[name] ?? [];
  })();

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
