import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { defaultDirs, distPaths, releasePaths, type Dirs } from "./lib/paths.ts";
import { UsageError } from "./lib/pipeline-error.ts";
import { stages } from "./stages/index.ts";

/** What the command line asks for, checked: every folder it names exists. */
export type Command =
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "stage"; stage: string; dirs: Dirs; jobs: number }
  | { kind: "verify"; release: string }
  | { kind: "diff"; before: string; after: string }
  | { kind: "list"; dist: string };

const OPTIONS = {
  raw: { type: "string" },
  build: { type: "string" },
  out: { type: "string" },
  jobs: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;
/** The options only stages take, with the word the usage shows for their value. */
const STAGE_OPTIONS: Readonly<Record<string, string>> = { raw: "DIR", build: "DIR", out: "DIR", jobs: "N" };

export const usage = `usage: npx tsx pipeline/cli.ts <stage|all> [--raw DIR] [--build DIR] [--out DIR] [--jobs N]
       npx tsx pipeline/cli.ts verify <release folder or .tar.gz>
       npx tsx pipeline/cli.ts diff <old release folder> <new release folder>
       npx tsx pipeline/cli.ts list [DIST]
       npx tsx pipeline/cli.ts --version | --help

stages (each reads the previous stage's output from the build folder):
${stages.map((s) => `  ${s.name.padEnd(10)} ${s.description}`).join("\n")}
  ${"all".padEnd(10)} every stage in order

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

/** The command line as a command; a wrong one throws a UsageError that says in one line what is wrong. */
export function parseCommand(argv: readonly string[]): Command {
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
  if (name === undefined) throw new UsageError("no command: name a stage, all, verify, diff or list");
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
  if (name !== "all" && !stages.some((s) => s.name === name)) throw new UsageError(`unknown command or stage: ${name}`);
  if (args.length > 0) throw new UsageError(`unexpected argument ${args[0]}: ${name} takes only options`);
  const dirs = {
    raw: resolve(values.raw ?? defaultDirs.raw),
    build: resolve(values.build ?? defaultDirs.build),
    dist: resolve(values.out ?? defaultDirs.dist),
  };
  return { kind: "stage", stage: name, dirs, jobs: positiveInteger("jobs", values.jobs, availableParallelism()) };
}
