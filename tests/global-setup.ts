import { spawn } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { defaultDirs, projectRoot, type Dirs } from "../pipeline/lib/paths.ts";
import { shardOf } from "../pipeline/lib/shard.ts";
import { runStages } from "../pipeline/stages/run-stages.ts";

/** The shard builds tests/stages/shards.test.ts merges: of raw/ plus a copy of an article, in three shards. */
export interface ShardRuns {
  raw: string;
  builds: string[];
  /** The article copied, and its copy: a later name, in an earlier shard. */
  original: string;
  copy: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** One build of raw/ (every stage, --jobs 1, into a fresh dist) that the end-to-end, release and reader tests read. */
    sharedBuild: Dirs & { log: string[] };
    shards: ShardRuns;
  }
}

/** Runs a command in the project root with the scheduler variables given and none inherited; fails with its stderr. */
function run(command: string, args: readonly string[], vars: Record<string, string>): Promise<void> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLURM_|JOB_COMPLETION_INDEX$|SHARD_COUNT$)/.test(k)));
  const child = spawn(command, args, { cwd: projectRoot, env: { ...env, ...vars }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  return new Promise((done, fail) => child.on("close", (code) => (code === 0 ? done() : fail(new Error(`${command} ${args.join(" ")}: exit ${code}\n${stderr}`)))));
}

/**
 * Starts the three shards as processes, each chosen another way: the option, the Kubernetes manifest's own command
 * with the index Kubernetes sets, and the Slurm array script with the variables Slurm sets. Their raw folder is
 * raw/ plus a copy of a development article that one machine rejects as a duplicate and two shards each keep.
 */
async function startShards(root: string): Promise<{ runs: ShardRuns; done: Promise<void> }> {
  const raw = join(root, "raw");
  await mkdir(raw);
  for (const name of await readdir(defaultDirs.raw)) await copyFile(join(defaultDirs.raw, name), join(raw, name));
  const original = (await readdir(raw)).find((name) => /^\d{3}_.*\.txt$/u.test(name) && shardOf(name, 3) > 0)!;
  const copy = Array.from({ length: 20 }, (_, i) => `zz-copy-${i}.txt`).find((name) => shardOf(name, 3) < shardOf(original, 3))!;
  await copyFile(join(raw, original), join(raw, copy));
  const builds = [0, 1, 2].map((index) => join(root, "shards", String(index)));
  const yaml = await readFile(join(projectRoot, "deploy", "k8s-indexed-job.yaml"), "utf8");
  const [command, ...args] = (JSON.parse(/command: (\[.*\])/u.exec(yaml)![1]!) as string[]).map((arg) => arg.replaceAll("/data/", `${root}/`));
  const done = Promise.all([
    run(process.execPath, ["--import", "tsx", "pipeline/cli.ts", "all", "--shard", "1/3", "--raw", raw, "--build", builds[0]!, "--jobs", "1"], {}),
    run(command!, args, { JOB_COMPLETION_INDEX: "1", SHARD_COUNT: "3", JOBS: "1" }),
    run("bash", ["deploy/slurm-array.sh"], { SLURM_ARRAY_TASK_ID: "2", SLURM_ARRAY_TASK_COUNT: "3", SLURM_ARRAY_TASK_MIN: "0", RAW: raw, SHARDS: join(root, "shards") }),
  ]).then(() => undefined);
  // Awaited after the shared build: a shard failing before then is not an unhandled rejection.
  done.catch(() => {});
  return { runs: { raw, builds, original, copy }, done };
}

/**
 * Runs the whole pipeline once per test run, in this thread: every test that needs a build reads this one, and
 * a test that must change it works on a copy (`copyOfSharedBuild`). Worker threads run only in the pool's tests.
 * The shards run as processes meanwhile, on the core this thread leaves idle.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), "plans-shared-"));
  const shards = await startShards(root);
  const dirs: Dirs = { raw: defaultDirs.raw, build: join(root, "build"), dist: join(root, "dist") };
  const log: string[] = [];
  await runStages("all", { dirs, jobs: 1, log: (m) => log.push(m) });
  await shards.done;
  project.provide("sharedBuild", { ...dirs, log });
  project.provide("shards", shards.runs);
  return () => rm(root, { recursive: true, force: true });
}
