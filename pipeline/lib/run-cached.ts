import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import pMap from "p-map";
import { startProgress } from "./progress.ts";
import type { CacheStamp, Sidecar, StageCache } from "./stage-cache.ts";
import { mapInWorkers, type PoolTask } from "./worker-pool.ts";

const LOOKUPS_AT_ONCE = 32;

/** What a pool worker gets for one item: where to write, the stamp to write beside it, and the item itself. */
export interface CachedJob<I> {
  output: string;
  stamp: CacheStamp;
  item: I;
}

export interface CachedRun<I> {
  cache: StageCache;
  /** A module export `(job: CachedJob<I>) => Promise<Sidecar>` that computes one item and stores it with `storeOutput`. */
  task: PoolTask;
  /** The folder holding every output of the run, and nothing else. */
  folder: string;
  /** The item's output file name in the folder. */
  file: (item: I) => string;
  /** Hash of everything the item's output is computed from, besides code and configuration. */
  inputSha256: (item: I) => string;
  name: (item: I) => string;
  jobs: number;
  label: string;
  log: (message: string) => void;
}

/**
 * Each item's sidecar, in input order: reused when the cache holds a current output, otherwise computed in the
 * worker pool (workers start only if something missed, so a no-op run never loads the stage's heavy code).
 * Outputs in the folder that belong to no item are removed, so the folder always mirrors the input.
 */
export async function runCached<I, S>(items: readonly I[], run: CachedRun<I>): Promise<Array<Sidecar<S>>> {
  const progress = startProgress({ label: run.label, total: items.length });
  // Lookups are small reads: many at once, so a rebuild with nothing to do is bound by the disk, not by waiting.
  const outputs = items.map((item) => join(run.folder, run.file(item)));
  const inputs = items.map(run.inputSha256);
  const found = await pMap(items, async (_item, index) => {
    const hit = await run.cache.lookup<S>(outputs[index]!, inputs[index]!);
    if (hit) progress.skip();
    return hit;
  }, { concurrency: LOOKUPS_AT_ONCE });
  const missed = items.flatMap((_item, index) => (found[index] ? [] : [index]));
  const jobs = missed.map((index): CachedJob<I> => ({ output: outputs[index]!, stamp: run.cache.stamp(inputs[index]!), item: items[index]! }));
  let computed = 0;
  for await (const sidecar of mapInWorkers<CachedJob<I>, Sidecar<S>>(jobs, run.task, { jobs: run.jobs, name: (job) => run.name(job.item) })) {
    found[missed[computed++]!] = sidecar;
    progress.tick();
  }
  progress.done();
  run.log(`${run.label}: ${items.length - computed} reused, ${computed} computed`);
  await removeOthers(run.folder, new Set(items.flatMap((item) => [run.file(item), `${run.file(item)}.meta.json`])));
  return found as Array<Sidecar<S>>;
}

/** Deletes what items that are gone left in the folder (and temporary files of an interrupted run). */
async function removeOthers(folder: string, keep: ReadonlySet<string>): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => !keep.has(name)).map((name) => rm(join(folder, name), { force: true })));
}
