import { appendFile, copyFile, mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildPaths, defaultDirs, type Dirs } from "../../pipeline/lib/paths.ts";
import { readDatasetInfo } from "../../pipeline/publish/dataset-info.ts";
import { runStages } from "../../pipeline/stages/run-stages.ts";
import { everyThirdText, snapshot, tempDir } from "../helpers.ts";

const { version } = readDatasetInfo();
const ARTICLES = ["001_13e63fbf864b6a08.txt", "003_b4d64b2e71754a0b.txt", "004_3f42d803b2d7e6db.txt"];

async function run(dirs: Dirs, jobs: number): Promise<string[]> {
  const lines: string[] = [];
  await runStages("all", { dirs, jobs, log: (m) => lines.push(m) });
  return lines;
}

const releaseHashes = (dirs: Dirs) => snapshot(join(dirs.dist, `v${version}`));

const reuseLines = (lines: string[]) => lines.filter((l) => / reused, \d+ computed$/.test(l));

describe("incremental rebuilds", () => {
  let root: string;
  let dirs: Dirs;
  let cold: string[];
  beforeAll(async () => {
    root = await tempDir("incremental-");
    const raw = join(root, "raw");
    await mkdir(raw);
    for (const name of ARTICLES) await copyFile(join(defaultDirs.raw, name), join(raw, name));
    dirs = { raw, build: join(root, "build"), dist: join(root, "dist") };
    cold = await run(dirs, 1);
  });

  it("computes every article on a cold build and reuses every one on a rebuild, leaving the release as it was", async () => {
    expect(reuseLines(cold)).toEqual(["ingest: 0 reused, 3 computed", "normalize: 0 reused, 3 computed", "extract: 0 reused, 3 computed"]);
    const before = await releaseHashes(dirs);
    const again = await run(dirs, 1);
    expect(reuseLines(again)).toEqual(["ingest: 3 reused, 0 computed", "normalize: 3 reused, 0 computed", "extract: 3 reused, 0 computed"]);
    // Every stage's key and outputs are as recorded: none of them finishes again.
    const unchanged = (stage: string) => `${stage}: unchanged since its last run (same inputs, code and configuration)`;
    expect(again.filter((l) => l.includes(": unchanged since its last run"))).toEqual(
      ["ingest", "normalize", "extract", "validate", "publish"].map(unchanged),
    );
    expect(await releaseHashes(dirs)).toEqual(before);
  });

  it("recomputes only the changed article, and drops the outputs of a removed one", async () => {
    // A changed article makes different rows, which a published version must not take: publish elsewhere.
    const changed = { ...dirs, dist: join(root, "dist-changed") };
    await appendFile(join(dirs.raw, ARTICLES[1]!), "\n今年全区新增就业岗位1200个。\n");
    await rm(join(dirs.raw, ARTICLES[2]!));
    const lines = await run(changed, 1);
    expect(reuseLines(lines)).toEqual(["ingest: 1 reused, 1 computed", "normalize: 1 reused, 1 computed", "extract: 1 reused, 1 computed"]);
    const paths = buildPaths(dirs);
    const outputs = (await readdir(paths.extractedArticles)).filter((n) => n.endsWith(".json") && !n.endsWith(".meta.json"));
    expect(outputs).toHaveLength(2);
    const targets = (await readFile(paths.extractTable("targets"), "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    expect(targets.some((t) => t.value === 1200 && t.sentence.includes("新增就业岗位1200个"))).toBe(true);
  });
});

describe("job count", () => {
  it("--jobs 1 and --jobs 2 write byte-identical stage outputs, whatever order workers finish in", async () => {
    // Every third text: the pool's ordering is what is tested, and publish, which runs in one thread, makes the same release of the same tables.
    const root = await tempDir("jobs-");
    const raw = join(root, "raw");
    await mkdir(raw);
    for (const name of everyThirdText) await copyFile(join(defaultDirs.raw, name), join(raw, name));
    const builds = await Promise.all(
      [1, 2].map(async (jobs) => {
        const dirs = { raw, build: join(root, `build-${jobs}`), dist: join(root, `dist-${jobs}`) };
        for (const stage of ["ingest", "normalize", "extract"]) await runStages(stage, { dirs, jobs, log: () => {} });
        // How long each article took, and the files' identities on this disk (file-hashes.ts), are all two runs do not share.
        return Object.fromEntries(Object.entries(await snapshot(dirs.build)).filter(([file]) => !/\/(timings|file-hashes)\.json$/.test(file)));
      }),
    );
    expect(Object.keys(builds[0]!).filter((f) => f.endsWith(".jsonl")).length).toBeGreaterThan(10);
    // The runner's records name no thread count, so they agree too.
    expect(builds[1]).toEqual(builds[0]);
  });
});
