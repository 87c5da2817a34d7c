import { spawn } from "node:child_process";
import { copyFile, mkdir, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { IngestRecord } from "../../schemas/normalized-article.ts";
import { readJsonlAll } from "../../pipeline/lib/files.ts";
import { buildPaths, defaultDirs, projectRoot, type Dirs } from "../../pipeline/lib/paths.ts";
import { shardOf } from "../../pipeline/lib/shard.ts";
import { runStages } from "../../pipeline/stages/run-stages.ts";
import { everyThirdText, snapshot, tempDir } from "../helpers.ts";

/** Runs a command in the project root with the scheduler variables given and none inherited; fails with its stderr. */
function run(command: string, args: readonly string[], vars: Record<string, string>): Promise<void> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLURM_|JOB_COMPLETION_INDEX$|SHARD_COUNT$)/.test(k)));
  const child = spawn(command, args, { cwd: projectRoot, env: { ...env, ...vars }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  return new Promise((done, fail) => child.on("close", (code) => (code === 0 ? done() : fail(new Error(`${command} ${args.join(" ")}: exit ${code}\n${stderr}`)))));
}

/**
 * A raw folder of every third text of raw/ (in all three shards) and its provenance files, plus a copy of a
 * development article that one machine rejects as a duplicate and two shards each keep: a later name, in an
 * earlier shard.
 */
async function shardedRaw(root: string) {
  const raw = join(root, "raw");
  await mkdir(raw);
  const provenance = (await readdir(defaultDirs.raw)).filter((name) => !name.endsWith(".txt"));
  for (const name of [...provenance, ...everyThirdText]) await copyFile(join(defaultDirs.raw, name), join(raw, name));
  const original = everyThirdText.find((name) => /^\d{3}_.*\.txt$/u.test(name) && shardOf(name, 3) > 0)!;
  const copy = Array.from({ length: 20 }, (_, i) => `zz-copy-${i}.txt`).find((name) => shardOf(name, 3) < shardOf(original, 3))!;
  await copyFile(join(raw, original), join(raw, copy));
  return { raw, texts: [...everyThirdText, copy], original, copy };
}

/**
 * Runs the three shards as processes, each chosen another way: the option, the Kubernetes manifest's own command
 * with the index Kubernetes sets, and the Slurm array script with the variables Slurm sets.
 */
async function runShards(root: string, raw: string): Promise<string[]> {
  const builds = [0, 1, 2].map((index) => join(root, "shards", String(index)));
  const yaml = await readFile(join(projectRoot, "deploy", "k8s-indexed-job.yaml"), "utf8");
  const [command, ...args] = (JSON.parse(/command: (\[.*\])/u.exec(yaml)![1]!) as string[]).map((arg) => arg.replaceAll("/data/", `${root}/`));
  await Promise.all([
    run(process.execPath, ["--import", "tsx", "pipeline/cli.ts", "all", "--shard", "1/3", "--raw", raw, "--build", builds[0]!, "--jobs", "1"], {}),
    run(command!, args, { JOB_COMPLETION_INDEX: "1", SHARD_COUNT: "3", JOBS: "1" }),
    run("bash", ["deploy/slurm-array.sh"], { SLURM_ARRAY_TASK_ID: "2", SLURM_ARRAY_TASK_COUNT: "3", SLURM_ARRAY_TASK_MIN: "0", RAW: raw, SHARDS: join(root, "shards") }),
  ]);
  return builds;
}

const manifest = async (build: string) => readJsonlAll<IngestRecord>(buildPaths({ ...defaultDirs, build }).ingestManifest);

describe("shards", () => {
  let raw: string, texts: string[], original: string, copy: string;
  let builds: string[];
  let merged: Dirs, one: Dirs;
  let log: string[];
  beforeAll(async () => {
    const root = await tempDir("shards-");
    ({ raw, texts, original, copy } = await shardedRaw(root));
    one = { raw, build: join(root, "one", "build"), dist: join(root, "one", "dist") };
    // The unsharded run, in this thread, while the shards run as processes.
    [builds] = await Promise.all([runShards(root, raw), runStages("all", { dirs: one, jobs: 1, log: () => {} })]);
    merged = { raw, build: join(root, "merged", "build"), dist: join(root, "merged", "dist") };
    log = [];
    // What `cli.ts merge` runs.
    await runStages("all", { dirs: merged, jobs: 1, shardBuilds: builds, log: (m) => log.push(m) });
  });

  it("split the raw files by a hash of the name, each in one shard; the original and its copy in two", async () => {
    const held = await Promise.all(builds.map(async (build) => (await manifest(build)).map((r) => r.source_file)));
    expect(held).toEqual([0, 1, 2].map((k) => texts.filter((name) => shardOf(name, 3) === k).sort()));
    expect(held.every((names) => names.length > 0)).toBe(true);
    expect(held[shardOf(original, 3)]).toContain(original);
    expect(held[shardOf(copy, 3)]).toContain(copy);
  });

  it("merges without computing any article again, and rejects the copy as one machine does", async () => {
    const articles = texts.length - 1;
    expect(log.filter((line) => / reused, \d+ computed$/.test(line))).toEqual([
      `ingest: ${articles + 1} reused, 0 computed`,
      `normalize: ${articles} reused, 0 computed`,
      `extract: ${articles} reused, 0 computed`,
    ]);
    const rejections = JSON.parse(await readFile(buildPaths(merged).rejections("ingest"), "utf8"));
    expect(rejections).toEqual([{ source_file: copy, stage: "ingest", reason: `duplicate: same decoded text as ${original}` }]);
  });

  it("runs a shard that holds no file as one with nothing to do, so a corpus smaller than the shard count fails no task", async () => {
    const root = await tempDir("empty-shard-");
    const lone = { raw: join(root, "raw"), build: join(root, "build"), dist: join(root, "dist") };
    await mkdir(lone.raw);
    await copyFile(join(raw, original), join(lone.raw, original));
    await runStages("all", { dirs: lone, jobs: 1, shard: { index: (shardOf(original, 3) + 1) % 3, count: 3 }, log: () => {} });
    expect(await manifest(lone.build)).toEqual([]);
    expect(await readJsonlAll(buildPaths(lone).extractTable("districts"))).toEqual([]);
  });

  it("makes the release the unsharded run makes, byte for byte: folder, archive and releases.json", async () => {
    expect(await snapshot(merged.dist)).toEqual(await snapshot(one.dist));
    for (const path of [buildPaths(one).ingestManifest, buildPaths(one).normalizeManifest]) {
      expect(await readFile(path.replace(one.build, merged.build), "utf8")).toBe(await readFile(path, "utf8"));
    }
  });
});
