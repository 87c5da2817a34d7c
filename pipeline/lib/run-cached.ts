import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import pMap from "p-map";
import { startProgress, type Progress } from "./progress.ts";
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
  /** Longest one item may compute, in ms: past it the item fails (see mapInWorkers). */
  budgetMs: number;
  label: string;
  log: (message: string) => void;
}

/**
 * What became of one item: its sidecar, reused or computed now (`seconds` it took, null when reused), or why it
 * has none (its task threw, its worker crashed, it ran past the budget). Failures are not cached: the next run
 * tries the item again.
 */
export type ItemResult<I, S> = { item: I; name: string } & (
  | { ok: true; sidecar: Sidecar<S>; seconds: number | null }
  | { ok: false; reason: string }
);

/**
 * What became of each item, in input order: its sidecar reused when the cache holds a current output, otherwise
 * computed in the worker pool (workers start only if something missed, so a no-op run never loads the stage's
 * heavy code). Outputs in the folder that belong to no item, or to an item that failed, are removed, so the folder
 * always mirrors what the input yields.
 */
export async function runCached<I, S>(items: readonly I[], run: CachedRun<I>): Promise<Array<ItemResult<I, S>>> {
  const progress = startProgress({ label: run.label, total: items.length });
  try {
    return await lookUpThenCompute<I, S>(items, run, progress);
  } finally {
    // Also when the run stops (a full disk): its timer must not go on reporting it for the rest of the process.
    progress.stop();
  }
}

async function lookUpThenCompute<I, S>(items: readonly I[], run: CachedRun<I>, progress: Progress): Promise<Array<ItemResult<I, S>>> {
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
  const results = found.map((sidecar, index): ItemResult<I, S> | null => (sidecar ? { item: items[index]!, name: run.name(items[index]!), ok: true, sidecar, seconds: null } : null));
  let computed = 0;
  const pool = mapInWorkers<CachedJob<I>, Sidecar<S>>(jobs, run.task, { jobs: run.jobs, name: (job) => run.name(job.item), budgetMs: run.budgetMs });
  for await (const settled of pool) {
    const index = missed[computed++]!;
    const item = items[index]!;
    const name = run.name(item);
    results[index] = settled.ok ? { item, name, ok: true, sidecar: settled.value, seconds: settled.ms / 1000 } : { item, name, ok: false, reason: settled.reason };
    progress.tick();
  }
  progress.done();
  // The pool yields one result per job, so every slot is filled.
  const all = results as Array<ItemResult<I, S>>;
  const failed = all.filter((r) => !r.ok).length;
  run.log(`${run.label}: ${items.length - computed} reused, ${computed - failed} computed${failed > 0 ? `, ${failed} failed` : ""}`);
  await removeOthers(run.folder, new Set(all.flatMap((r) => (r.ok ? [run.file(r.item), `${run.file(r.item)}.meta.json`] : []))));
  return all;
}

/** Deletes what items that are gone left in the folder (and temporary files of an interrupted run). */
async function removeOthers(folder: string, keep: ReadonlySet<string>): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => !keep.has(name)).map((name) => rm(join(folder, name), { force: true })));
}
