import { spawn } from "node:child_process";
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism, cpus, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { projectRoot } from "../lib/paths.ts";
import { stages } from "../stages/index.ts";
import type { Floor } from "./measure-floor.ts";

interface Usage {
  maxRssKb: number;
  cpuSeconds: number;
}

interface NodeRun {
  code: number | null;
  wallSeconds: number;
  stdout: string;
  stderr: string;
  usage: Usage | null;
}

interface StageRun {
  stage: string;
  /** Process wall time, start-up included, as `make <stage>` would see it. */
  wallSeconds: number;
  /** The stage's own `<stage> done in X s` log line. */
  stageSeconds: number | null;
  maxRssMb: number | null;
  error: string | null;
}

/**
 * The first no-op reads every per-article output once: the cold run wrote them too recently for their hashes to be
 * remembered (file-hashes.ts). The second is what each later rebuild with nothing to do costs. Issue 19's goal is
 * checked on the first.
 */
type PhaseName = "cold" | "no-op" | "no-op again" | "one changed";

interface CorpusResult {
  articles: number;
  files: number;
  bytes: number;
  mix: Record<string, number>;
  generateSeconds: number;
  phases: Array<{ phase: PhaseName; runs: StageRun[] }>;
  floor: Floor & { wallSeconds: number; maxRssMb: number | null };
}

const BENCH = dirname(new URL(import.meta.url).pathname);
const USAGE_PRELOAD = join(BENCH, "report-usage.ts");
const DONE_LINE = /^(\S+) done in ([\d.]+) s$/m;

/** Runs a TypeScript entry in a fresh Node process, so its peak RSS is its own. */
async function runNode(script: string, args: string[], usageFile: string): Promise<NodeRun> {
  await rm(usageFile, { force: true });
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "--import", USAGE_PRELOAD, script, ...args], {
    cwd: projectRoot,
    env: { ...process.env, BENCH_USAGE_FILE: usageFile },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  const code = await new Promise<number | null>((done) => child.on("close", done));
  const wallSeconds = (performance.now() - started) / 1000;
  const usage = await readFile(usageFile, "utf8").then((text) => JSON.parse(text) as Usage, () => null);
  return { code, wallSeconds, stdout, stderr, usage };
}

const rssMb = (usage: Usage | null) => (usage ? usage.maxRssKb / 1024 : null);

/** Every stage in its own process, in order, like `make publish`; stops at the first failure. */
async function runPipeline(dirs: { raw: string; build: string; dist: string }, jobs: number, scratch: string, label: string): Promise<StageRun[]> {
  const runs: StageRun[] = [];
  for (const { name } of stages) {
    const args = [name, "--raw", dirs.raw, "--build", dirs.build, "--out", dirs.dist, "--jobs", String(jobs)];
    const run = await runNode(join(projectRoot, "pipeline", "cli.ts"), args, join(scratch, "usage.json"));
    const done = run.stderr.match(DONE_LINE);
    const lines = run.stderr.trim().split("\n");
    const error = run.code === 0 ? null : (lines.find((line) => line.startsWith("error:")) ?? lines.at(-1) ?? `exit code ${run.code}`).slice(0, 200);
    runs.push({ stage: name, wallSeconds: run.wallSeconds, stageSeconds: done ? Number(done[2]) : null, maxRssMb: rssMb(run.usage), error });
    process.stderr.write(`bench ${label} ${name}: ${run.wallSeconds.toFixed(2)} s${error ? ` FAILED: ${error}` : ""}\n`);
    if (error) break;
  }
  return runs;
}

/** Appends a line to a UTF-8 article from the middle of the corpus: a new version of one article. */
async function changeOneArticle(raw: string): Promise<string> {
  const names = (await readdir(raw)).sort();
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (const name of [...names.slice(names.length >> 1), ...names]) {
    const bytes = await readFile(join(raw, name));
    try {
      if (bytes.length === 0) continue;
      decoder.decode(bytes);
    } catch {
      continue;
    }
    await appendFile(join(raw, name), "\n本区今年新增重点项目12个。\n");
    return name;
  }
  throw new Error(`no UTF-8 article to change in ${raw}`);
}

async function benchCorpus(articles: number, seed: number, jobs: number): Promise<CorpusResult> {
  const scratch = await mkdtemp(join(tmpdir(), `district-bench-${articles}-`));
  try {
    const dirs = { raw: join(scratch, "raw"), build: join(scratch, "build"), dist: join(scratch, "dist") };
    const usage = join(scratch, "usage.json");
    const generated = await runNode(join(BENCH, "generate-corpus.ts"), ["--articles", String(articles), "--seed", String(seed), "--out", dirs.raw], usage);
    if (generated.code !== 0) throw new Error(`corpus generation failed: ${generated.stderr}`);
    const mix = JSON.parse(generated.stdout) as Record<string, number>;
    const files = (await readdir(dirs.raw)).length;
    const phases: CorpusResult["phases"] = [];
    phases.push({ phase: "cold", runs: await runPipeline(dirs, jobs, scratch, `N=${articles} cold`) });
    phases.push({ phase: "no-op", runs: await runPipeline(dirs, jobs, scratch, `N=${articles} no-op`) });
    phases.push({ phase: "no-op again", runs: await runPipeline(dirs, jobs, scratch, `N=${articles} no-op again`) });
    const changed = await changeOneArticle(dirs.raw);
    process.stderr.write(`bench N=${articles}: changed ${changed}\n`);
    // Changed data under the same version is refused in the same dist (releases are immutable): publish beside it.
    const changedDirs = { ...dirs, dist: join(scratch, "dist-changed") };
    phases.push({ phase: "one changed", runs: await runPipeline(changedDirs, jobs, scratch, `N=${articles} one changed`) });
    const floorRun = await runNode(join(BENCH, "measure-floor.ts"), [dirs.raw], usage);
    if (floorRun.code !== 0) throw new Error(`floor measurement failed: ${floorRun.stderr}`);
    const floor = { ...(JSON.parse(floorRun.stdout) as Floor), wallSeconds: floorRun.wallSeconds, maxRssMb: rssMb(floorRun.usage) };
    process.stderr.write(`bench N=${articles} floor: ${floor.seconds.toFixed(2)} s\n`);
    return { articles, files, bytes: mix.bytes ?? 0, mix, generateSeconds: generated.wallSeconds, phases, floor };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

const fmt = (value: number | null, digits = 2) => (value === null || !Number.isFinite(value) ? "–" : value.toFixed(digits));
const total = (runs: StageRun[]) => runs.reduce((sum, r) => sum + r.wallSeconds, 0);
const peak = (runs: StageRun[]) => Math.max(...runs.map((r) => r.maxRssMb ?? 0));
const complete = (runs: StageRun[]) => runs.length === stages.length && runs.every((r) => r.error === null);

function renderCorpus(result: CorpusResult): string {
  const mb = result.bytes / 1e6;
  const rows = result.phases.flatMap(({ phase, runs }) => [
    ...runs.map((r) => {
      const seconds = r.stageSeconds ?? r.wallSeconds;
      const status = r.error ? `failed: ${r.error.replaceAll("|", "\\|")}` : "";
      return `| ${phase} | ${r.stage} | ${fmt(r.wallSeconds)} | ${fmt(r.stageSeconds)} | ${fmt(result.articles / seconds, 0)} | ${fmt(mb / seconds)} | ${fmt(r.maxRssMb, 0)} | ${status} |`;
    }),
    `| ${phase} | **total** | **${fmt(total(runs))}** | ${fmt(runs.reduce((s, r) => s + (r.stageSeconds ?? 0), 0))} | ${fmt(result.articles / total(runs), 0)} | ${fmt(mb / total(runs))} | **${fmt(peak(runs), 0)}** | ${complete(runs) ? "" : "incomplete"} |`,
  ]);
  const cold = result.phases.find((p) => p.phase === "cold")!.runs;
  const mix = Object.entries(result.mix).filter(([k]) => k !== "bytes").map(([k, v]) => `${k} ${v}`).join(", ");
  return [
    `## N = ${result.articles}`,
    "",
    `Corpus: ${result.files} files, ${fmt(mb, 1)} MB (${mix}); generated in ${fmt(result.generateSeconds, 1)} s.`,
    "",
    "| phase | stage | wall s | stage s | articles/s | MB/s | peak RSS MB | |",
    "|---|---|--:|--:|--:|--:|--:|---|",
    ...rows,
    "",
    `Floor (OpenCC t→cn + jieba cut, one thread, ${result.floor.articles} articles): **${fmt(result.floor.seconds)} s** ` +
      `(convert ${fmt(result.floor.convertSeconds)} s, segment ${fmt(result.floor.segmentSeconds)} s; dictionary load ${fmt(result.floor.dictionarySeconds)} s not counted; ` +
      `peak RSS ${fmt(result.floor.maxRssMb, 0)} MB).`,
    `**Ratio cold pipeline / floor: ${fmt(total(cold) / result.floor.seconds, 1)}×**${complete(cold) ? "" : " (pipeline incomplete)"}.`,
    "",
  ].join("\n");
}

/** Issue 19's goals, checked on the largest and smallest N measured. */
function renderChecks(results: CorpusResult[]): string {
  const largest = results.at(-1)!;
  const smallest = results[0]!;
  const phase = (r: CorpusResult, name: PhaseName) => r.phases.find((p) => p.phase === name)!.runs;
  const cold = total(phase(largest, "cold"));
  const rows: Array<[string, string, boolean]> = [
    [`cold ≤ 2 × floor at N = ${largest.articles}`, `${fmt(cold / largest.floor.seconds, 1)}×`, cold <= 2 * largest.floor.seconds],
    [`peak RSS ≤ 400 MB at N = ${largest.articles}`, `${fmt(peak(phase(largest, "cold")), 0)} MB`, peak(phase(largest, "cold")) <= 400],
    [`no-op ≤ 3% of cold at N = ${largest.articles}`, `${fmt((100 * total(phase(largest, "no-op"))) / cold, 1)}%`, total(phase(largest, "no-op")) <= 0.03 * cold],
    [`one changed ≤ 10% of cold at N = ${largest.articles}`, `${fmt((100 * total(phase(largest, "one changed"))) / cold, 1)}%`, total(phase(largest, "one changed")) <= 0.1 * cold],
  ];
  if (results.length > 1) {
    const growth = peak(phase(largest, "cold")) / peak(phase(smallest, "cold")) - 1;
    rows.push([`peak RSS grows < 20% from N = ${smallest.articles} to ${largest.articles}`, `${fmt(100 * growth, 1)}%`, growth < 0.2]);
  }
  const valid = results.every((r) => r.phases.every((p) => complete(p.runs)));
  return [
    "## Goals (issue 19)",
    "",
    "| criterion | measured | |",
    "|---|--:|---|",
    ...rows.map(([what, measured, ok]) => `| ${what} | ${measured} | ${ok && valid ? "pass" : "fail"} |`),
    "",
    ...(valid ? [] : ["Some stage failed, so no criterion passes; see the tables above.", ""]),
  ].join("\n");
}

function renderReport(results: CorpusResult[], options: { seed: number; jobs: number }): string {
  const cpu = cpus();
  return [
    "# Benchmark results",
    "",
    `Measured by \`make bench\` (pipeline/bench/run-bench.ts); a measurement report, not part of a release.`,
    "",
    `- Run: ${new Date().toISOString()}`,
    `- Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"}; available parallelism ${availableParallelism()}), ${fmt(totalmem() / 2 ** 30, 1)} GiB memory`,
    `- Node ${process.version}, --jobs ${options.jobs}, corpus seed ${options.seed}`,
    "- Each stage runs in its own process, like `make publish`: *wall s* includes Node start-up, *stage s* is the stage's own",
    "  `done in` log line. articles/s and MB/s divide the corpus's article count and raw bytes by the stage time",
    "  (wall time for totals). Peak RSS is the process's own maximum resident set (all threads).",
    "",
    ...results.map(renderCorpus),
    renderChecks(results),
  ].join("\n");
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      articles: { type: "string", multiple: true },
      seed: { type: "string", default: "1" },
      jobs: { type: "string", default: String(availableParallelism()) },
      report: { type: "string", default: join(projectRoot, "bench", "results.md") },
    },
  });
  const sizes = (values.articles ?? ["2000,20000"]).flatMap((v) => v.split(",")).map(Number).sort((a, b) => a - b);
  const seed = Number(values.seed);
  const jobs = Number(values.jobs);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(jobs) || jobs < 1) {
    throw new Error("usage: run-bench.ts [--articles N[,N…]]… [--seed S] [--jobs J] [--report FILE]");
  }
  const results: CorpusResult[] = [];
  for (const n of sizes) results.push(await benchCorpus(n, seed, jobs));
  const report = renderReport(results, { seed, jobs });
  const path = resolve(values.report);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, report);
  process.stdout.write(`${report}\nwritten to ${path}\n`);
}

main(process.argv.slice(2)).catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
