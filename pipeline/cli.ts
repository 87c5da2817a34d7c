import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { defaultDirs } from "./lib/paths.ts";
import { runStages } from "./stages/run-stages.ts";
import { PipelineError } from "./stages/stage.ts";
import { stages } from "./stages/index.ts";

const usage = `usage: npx tsx pipeline/cli.ts <stage|all> [--raw DIR] [--build DIR] [--out DIR]

stages (each reads the previous stage's output from the build folder):
${stages.map((s) => `  ${s.name.padEnd(10)} ${s.description}`).join("\n")}
  ${"all".padEnd(10)} every stage in order

options:
  --raw DIR     folder of raw .txt articles (default: raw/)
  --build DIR   folder for intermediate stage outputs (default: build/)
  --out DIR     release folder; the release goes to DIR/v<version>/ (default: dist/)
  --jobs N      worker threads for per-article work (default: the core count, ${availableParallelism()})
  -h, --help    show this help
`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      raw: { type: "string" },
      build: { type: "string" },
      out: { type: "string" },
      jobs: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  const [stage, ...extra] = positionals;
  const known = ["all", ...stages.map((s) => s.name)];
  if (!stage || extra.length > 0 || !known.includes(stage)) {
    process.stderr.write(`${stage && !known.includes(stage) ? `unknown stage: ${stage}\n` : ""}${usage}`);
    return 2;
  }
  const dirs = {
    raw: resolve(values.raw ?? defaultDirs.raw),
    build: resolve(values.build ?? defaultDirs.build),
    dist: resolve(values.out ?? defaultDirs.dist),
  };
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new PipelineError(`--jobs must be a positive integer, got ${values.jobs}`);
  await runStages(stage, { dirs, jobs });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof PipelineError || (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      process.stderr.write(`error: ${(error as Error).message}\n`);
    } else {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    }
    process.exit(1);
  },
);
