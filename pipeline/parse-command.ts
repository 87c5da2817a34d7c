import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { buildPaths, defaultDirs, distPaths, releasePaths, type Dirs } from "./lib/paths.ts";
import { UsageError } from "./lib/pipeline-error.ts";
import type { Shard } from "./lib/shard.ts";
import { chooseShard } from "./parse-shard.ts";
import { stages } from "./stages/index.ts";

/** What the command line asks for, checked: every folder it names exists. */
export type Command =
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "stage"; stage: string; dirs: Dirs; jobs: number; shard?: Shard }
  | { kind: "merge"; shardBuilds: string[]; dirs: Dirs; jobs: number }
  | { kind: "verify"; release: string }
  | { kind: "diff"; before: string; after: string }
  | { kind: "list"; dist: string };

const OPTIONS = {
  raw: { type: "string" },
  build: { type: "string" },
  out: { type: "string" },
  jobs: { type: "string" },
  shard: { type: "string" },
  shards: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;
/** The options only stages take, with the word the usage shows for their value. */
const STAGE_OPTIONS: Readonly<Record<string, string>> = { raw: "DIR", build: "DIR", out: "DIR", jobs: "N", shard: "K/N", shards: "N" };
/** The stages a shard runs; the rest run once, on the merged build. */
const SHARDED = stages.filter((s) => s.sharded).map((s) => s.name);

export const usage = `usage: npx tsx pipeline/cli.ts <stage|all> [--raw DIR] [--build DIR] [--out DIR] [--jobs N] [--shard K/N]
       npx tsx pipeline/cli.ts merge [--raw DIR] [--build DIR] [--out DIR] [--jobs N] <shard build folder>...
       npx tsx pipeline/cli.ts verify <release folder or .tar.gz>
       npx tsx pipeline/cli.ts diff <old release folder> <new release folder>
       npx tsx pipeline/cli.ts list [DIST]
       npx tsx pipeline/cli.ts --version | --help

stages (each reads the previous stage's output from the build folder):
${stages.map((s) => `  ${s.name.padEnd(10)} ${s.description}`).join("\n")}
  ${"all".padEnd(10)} every stage in order
  ${"merge".padEnd(10)} every stage on the whole raw folder, taking each article's outputs from the shards' build folders:
             the release one machine would make

releases:
  verify     check a release: SHA256SUMS, every file's bytes and sha256 in datapackage.json, every table file
             against the release's own Table Schemas (types, required, enum, pattern, ranges, keys), that
             CSV, JSON, Arrow, Parquet and the SQLite file hold the same rows, and CITATION.cff's version;
             exit code 1 lists each problem
  diff       what CHANGES.md says of the new release against the old: rows added, removed and changed per
             table by primary key (a row whose key digests an edited value paired by its stable key), and the
             first rows of each kind with their changed columns, as markdown
  list       the releases in DIST/releases.json (default: dist/) and whether their folders are there

options of the stages:
  --raw DIR     folder of raw .txt articles (default: raw/)
  --build DIR   folder for intermediate stage outputs (default: build/)
  --out DIR     release folder; the release goes to DIR/v<version>/ (default: dist/)
  --jobs N      worker threads for per-article work (default: the core count, ${availableParallelism()})
  --shard K/N   only the raw files of shard K of N (by a hash of the file name), in ${SHARDED.join(", ")} (all: those);
                without it, a Kubernetes Indexed Job's JOB_COMPLETION_INDEX or a Slurm array's SLURM_ARRAY_TASK_ID
                chooses the shard, 0-based
  --shards N    the shard count for JOB_COMPLETION_INDEX (else SHARD_COUNT) or SLURM_ARRAY_TASK_ID (else its count)
  -h, --help    show this help
  --version     the dataset's name and version, and the pipeline's
`;

/** `--jobs -1` as `--jobs=-1`: parseArgs takes no value that starts with a dash, and a negative number is no option. */
function glueNegatives(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (const arg of argv) {
    const last = out.at(-1);
    if (/^-\d/.test(arg) && last?.startsWith("--") && !last.includes("=")) out[out.length - 1] = `${last}=${arg}`;
    else out.push(arg);
  }
  return out;
}

/** parseArgs's refusals, which span lines and suggest `--x=-XYZ`, as one line each. */
function refusal(error: Error & { code?: string }): Error {
  const option = /'(?:-\w, )?(--?[\w-]+)/.exec(error.message)?.[1] ?? "";
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return new UsageError(`unknown option ${option}`);
  if (error.code !== "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return error;
  if (error.message.includes("does not take an argument")) return new UsageError(`${option} takes no value`);
  return new UsageError(`${option} needs a value: ${option} ${STAGE_OPTIONS[option.slice(2)] ?? "VALUE"}`);
}

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--${name} must be a positive integer, got ${value}`);
  return Number(value);
}

const isRelease = (path: string) => existsSync(releasePaths(path).datapackage);

function release(command: string, path: string): string {
  const at = resolve(path);
  if (isRelease(at) || (command === "verify" && /\.tar\.gz$/.test(at) && existsSync(at))) return at;
  const what = command === "verify" ? "release folder or archive" : "release folder";
  throw new UsageError(existsSync(at) ? `${command}: ${path} is no ${what} (no datapackage.json)` : `${command}: no ${what} at ${path}`);
}

/** How many arguments each release command takes, and what the first missing one is. */
const ARGUMENTS: Readonly<Record<string, { min: number; max: number; names: string }>> = {
  verify: { min: 1, max: 1, names: "<release folder or .tar.gz>" },
  diff: { min: 2, max: 2, names: "<old release folder> <new release folder>" },
  list: { min: 0, max: 1, names: "[DIST]" },
};

/** The folders the stage options name, or the defaults. */
const dirsOf = (values: { raw?: string; build?: string; out?: string }): Dirs => ({
  raw: resolve(values.raw ?? defaultDirs.raw),
  build: resolve(values.build ?? defaultDirs.build),
  dist: resolve(values.out ?? defaultDirs.dist),
});

/** The shard builds a merge reads: folders that ingest ran in, none of them the merged build. */
function shardBuilds(args: readonly string[], build: string): string[] {
  if (args.length === 0) throw new UsageError("merge needs the build folders of the shards: merge <shard build folder>...");
  return args.map((arg) => {
    const at = resolve(arg);
    if (!existsSync(buildPaths({ ...defaultDirs, build: at }).ingestManifest)) throw new UsageError(`merge: ${arg} is no build folder (no ingest/articles.jsonl in it)`);
    if (at === build) throw new UsageError(`merge: ${arg} is the merged build itself; merge into a folder of its own (--build DIR)`);
    return at;
  });
}

/**
 * The command line as a command; a wrong one throws a UsageError that says in one line what is wrong. `env` holds
 * the schedulers' variables that choose a shard.
 */
export function parseCommand(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: glueNegatives(argv), allowPositionals: true, options: OPTIONS });
  } catch (error) {
    throw refusal(error as Error);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };
  const [name, ...args] = positionals;
  if (name === undefined) throw new UsageError("no command: name a stage, all, merge, verify, diff or list");
  const given = Object.keys(STAGE_OPTIONS).filter((o) => values[o as keyof typeof values] !== undefined);
  const shape = ARGUMENTS[name];
  if (shape) {
    if (given.length > 0) throw new UsageError(`${name} takes no option --${given[0]}`);
    if (args.length < shape.min) throw new UsageError(`${name} needs ${shape.names}`);
    if (args.length > shape.max) throw new UsageError(`unexpected argument ${args[shape.max]}: ${name} takes ${shape.names}`);
    if (name === "verify") return { kind: "verify", release: release(name, args[0]!) };
    if (name === "diff") return { kind: "diff", before: release(name, args[0]!), after: release(name, args[1]!) };
    const dist = resolve(args[0] ?? defaultDirs.dist);
    if (!existsSync(distPaths(dist).releasesIndex)) throw new UsageError(`list: no releases.json in ${args[0] ?? dist}`);
    return { kind: "list", dist };
  }
  const jobs = () => positiveInteger("jobs", values.jobs, availableParallelism());
  if (name === "merge") {
    const shardOption = (["shard", "shards"] as const).find((o) => values[o] !== undefined);
    if (shardOption) throw new UsageError(`merge takes no option --${shardOption}: it reads the shards' build folders`);
    const dirs = dirsOf(values);
    return { kind: "merge", shardBuilds: shardBuilds(args, dirs.build), dirs, jobs: jobs() };
  }
  if (name !== "all" && !stages.some((s) => s.name === name)) throw new UsageError(`unknown command or stage: ${name}`);
  if (args.length > 0) throw new UsageError(`unexpected argument ${args[0]}: ${name} takes only options`);
  const shards = values.shards === undefined ? undefined : positiveInteger("shards", values.shards, 1);
  const choice = chooseShard(values.shard, shards, env);
  if (choice && name !== "all" && !SHARDED.includes(name)) {
    throw new UsageError(`${choice.from}: ${name} runs once, on the merged build (merge); a shard runs ${SHARDED.join(", ")} or all`);
  }
  return { kind: "stage", stage: name, dirs: dirsOf(values), jobs: jobs(), ...(choice && { shard: choice.shard }) };
}
