import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildPaths, defaultDirs, projectRoot } from "../../pipeline/lib/paths.ts";
import { UsageError } from "../../pipeline/lib/pipeline-error.ts";
import { parseCommand } from "../../pipeline/parse-command.ts";
import { tempDir } from "../helpers.ts";

const release = join(projectRoot, "dist", "v0.1.0");

/** The one line a wrong command line gets (in an environment without a scheduler's variables, unless given). */
const refusal = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
  try {
    parseCommand(argv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`${argv.join(" ")} was accepted`);
};

describe("the command line", () => {
  it("reads stages, release commands, --help and --version", () => {
    expect(parseCommand(["all", "--jobs", "2", "--raw", "r"])).toMatchObject({ kind: "stage", stage: "all", jobs: 2, dirs: { raw: join(process.cwd(), "r"), dist: defaultDirs.dist } });
    expect(parseCommand(["publish", "--jobs=3"])).toMatchObject({ kind: "stage", stage: "publish", jobs: 3 });
    expect(parseCommand(["verify", release])).toEqual({ kind: "verify", release });
    expect(parseCommand(["verify", join(projectRoot, "dist", "china-district-plans-v0.1.0.tar.gz")])).toMatchObject({ kind: "verify" });
    expect(parseCommand(["diff", release, join(projectRoot, "dist", "v0.2.0")])).toMatchObject({ kind: "diff", before: release });
    expect(parseCommand(["list"])).toEqual({ kind: "list", dist: defaultDirs.dist });
    expect(parseCommand(["--version"])).toEqual({ kind: "version" });
    expect(parseCommand(["verify", "-h"])).toEqual({ kind: "help" });
  });

  it.each([
    [[], "no command: name a stage, all, merge, verify, diff or list"],
    [["nope"], "unknown command or stage: nope"],
    [["all", "--jobs", "-1"], "--jobs must be a positive integer, got -1"],
    [["all", "--jobs", "x"], "--jobs must be a positive integer, got x"],
    [["all", "--jobs", "0"], "--jobs must be a positive integer, got 0"],
    [["all", "--jobs", "1.5"], "--jobs must be a positive integer, got 1.5"],
    [["all", "--raw"], "--raw needs a value: --raw DIR"],
    [["all", "--raw", "--jobs", "2"], "--raw needs a value: --raw DIR"],
    [["all", "--colour"], "unknown option --colour"],
    [["all", "-x"], "unknown option -x"],
    [["all", "--help=yes"], "--help takes no value"],
    [["all", "extra"], "unexpected argument extra: all takes only options"],
    [["verify"], "verify needs <release folder or .tar.gz>"],
    [["verify", release, release], `unexpected argument ${release}: verify takes <release folder or .tar.gz>`],
    [["verify", "no/such/v9"], "verify: no release folder or archive at no/such/v9"],
    [["verify", projectRoot], `verify: ${projectRoot} is no release folder or archive (no datapackage.json)`],
    [["verify", release, "--jobs", "2"], "verify takes no option --jobs"],
    [["diff", release], "diff needs <old release folder> <new release folder>"],
    [["diff", release, "no/such/v9"], "diff: no release folder at no/such/v9"],
    [["list", "no/such/dist"], "list: no releases.json in no/such/dist"],
    [["all", "--shard", "0/3"], "--shard must be K/N, shard K of N with 1 ≤ K ≤ N, got 0/3"],
    [["all", "--shard", "4/3"], "--shard must be K/N, shard K of N with 1 ≤ K ≤ N, got 4/3"],
    [["all", "--shard", "a/b"], "--shard must be K/N, shard K of N with 1 ≤ K ≤ N, got a/b"],
    [["all", "--shard", "2"], "--shard must be K/N, shard K of N with 1 ≤ K ≤ N, got 2"],
    [["all", "--shard"], "--shard needs a value: --shard K/N"],
    [["all", "--shard", "1/3", "--shards", "3"], "--shards 3 is the count for a scheduler's index; --shard 1/3 names its own"],
    [["all", "--shards", "3"], "--shards 3 needs JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID to name the shard; else pass --shard K/N"],
    [["all", "--shards", "0"], "--shards must be a positive integer, got 0"],
    [["validate", "--shard", "1/3"], "--shard 1/3: validate runs once, on the merged build (merge); a shard runs ingest, normalize, extract or all"],
    [["verify", release, "--shard", "1/3"], "verify takes no option --shard"],
    [["merge"], "merge needs the build folders of the shards: merge <shard build folder>..."],
    [["merge", "no/such/build"], "merge: no/such/build is no build folder (no ingest/articles.jsonl in it)"],
    [["merge", "--shard", "1/3", "no/such/build"], "merge takes no option --shard: it reads the shards' build folders"],
  ])("%j: %s", (argv, message) => {
    expect(refusal(argv)).toBe(message);
  });

  it("takes the shard from --shard, else a Kubernetes Indexed Job's index, else a Slurm array task", () => {
    const shardOf = (argv: string[], env: NodeJS.ProcessEnv) => (parseCommand(argv, env) as { shard?: unknown }).shard;
    const k8s = { JOB_COMPLETION_INDEX: "1", SHARD_COUNT: "3" };
    expect(shardOf(["all", "--shard", "3/3"], k8s)).toEqual({ index: 2, count: 3 });
    expect(shardOf(["extract"], k8s)).toEqual({ index: 1, count: 3 });
    expect(shardOf(["all", "--shards", "4"], { JOB_COMPLETION_INDEX: "3" })).toEqual({ index: 3, count: 4 });
    // --array=1-5:2 gives tasks 1, 3 and 5: task 5 is the third.
    expect(shardOf(["all"], { SLURM_ARRAY_TASK_ID: "5", SLURM_ARRAY_TASK_COUNT: "3", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_STEP: "2" })).toEqual({ index: 2, count: 3 });
    expect(shardOf(["all"], { SLURM_ARRAY_TASK_ID: "0", SLURM_ARRAY_TASK_COUNT: "2" })).toEqual({ index: 0, count: 2 });
    expect(shardOf(["all"], {})).toBeUndefined();
  });

  it.each([
    [{ JOB_COMPLETION_INDEX: "1" }, ["all"], "JOB_COMPLETION_INDEX is set but not the shard count: pass --shards N or set SHARD_COUNT, got nothing"],
    [{ JOB_COMPLETION_INDEX: "3", SHARD_COUNT: "3" }, ["all"], "JOB_COMPLETION_INDEX must be a whole number below the shard count 3, got 3"],
    [{ JOB_COMPLETION_INDEX: "x", SHARD_COUNT: "3" }, ["all"], "JOB_COMPLETION_INDEX must be a whole number below the shard count 3, got x"],
    [{ SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_TASK_COUNT: "3" }, ["all"], "SLURM_ARRAY_TASK_ID 3 is not one of 3 tasks from 0 in steps of 1: submit with --array=0-2"],
    [{ SLURM_ARRAY_TASK_ID: "0", SLURM_ARRAY_TASK_COUNT: "3" }, ["publish"], "SLURM_ARRAY_TASK_ID=0: publish runs once, on the merged build (merge); a shard runs ingest, normalize, extract or all"],
  ])("%j %j: %s", (env, argv, message) => {
    expect(refusal(argv, env)).toBe(message);
  });

  it("reads a merge of shard build folders, which must not be the merged build", async () => {
    // A build folder is one that ingest ran in: it has an ingest manifest.
    const shard = await tempDir("shard-build-");
    const manifest = buildPaths({ ...defaultDirs, build: shard }).ingestManifest;
    await mkdir(dirname(manifest), { recursive: true });
    await writeFile(manifest, "");
    expect(parseCommand(["merge", "--build", "merged", shard], {})).toMatchObject({ kind: "merge", shardBuilds: [shard], dirs: { build: join(process.cwd(), "merged") } });
    expect(refusal(["merge", "--build", shard, shard])).toBe(`merge: ${shard} is the merged build itself; merge into a folder of its own (--build DIR)`);
  });

  it("prints one line and exits with 2 on a bad argument, with no stack trace", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", join(projectRoot, "pipeline", "cli.ts"), "all", "--jobs", "-1"], { cwd: projectRoot, encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("error: --jobs must be a positive integer, got -1 (--help shows the commands)\n");
    expect(run.stdout).toBe("");
  });
});
