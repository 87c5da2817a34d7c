import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { sha256Hex } from "../pipeline/lib/hash.ts";
import { defaultDirs, type Dirs } from "../pipeline/paths.ts";
import { runStages } from "../pipeline/run-stages.ts";
import type { TableRows } from "../pipeline/publish/write-table.ts";

/** A fresh temporary folder, removed after the file's tests. */
export async function tempDir(prefix = "plans-"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs stages in-process on a raw folder (default: the project's raw/), into a temporary build and dist. */
export async function runPipeline(stage = "all", raw = defaultDirs.raw): Promise<Dirs> {
  const root = await tempDir();
  const dirs = { raw, build: join(root, "build"), dist: join(root, "dist") };
  await runStages(stage, { dirs, log: () => {} });
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
