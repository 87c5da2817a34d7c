import type { BuildPaths, Dirs } from "../lib/paths.ts";
import type { Shard } from "../lib/shard.ts";
import type { Sidecar } from "../lib/stage-cache.ts";
import type { PoolTask } from "../lib/worker-pool.ts";
export { PipelineError } from "../lib/pipeline-error.ts";

export interface StageContext {
  dirs: Dirs;
  paths: BuildPaths;
  /** The part of the raw files this run covers (--shard): ingest lists only its files; no article's output depends on it. */
  shard?: Shard;
  /** Builds of shards (merge): a per-article output current in one of them is linked in, not computed again. */
  shardBuilds?: readonly string[];
  log: (message: string) => void;
  /** Worker threads for per-article work; outputs must not depend on it. */
  jobs: number;
}

/**
 * Per-article work a stage declares: the runner computes each item in the worker pool, cached by the item's
 * input hash, the stage's code and configuration, and removes outputs of items that are gone.
 */
export interface PerItem<I> {
  items(ctx: StageContext): Promise<I[]>;
  /** A module export `(job: CachedJob<I>) => Promise<Sidecar>` that computes one item and stores it. */
  task: PoolTask;
  /** The folder holding every item's output, and nothing else. */
  folder(paths: BuildPaths): string;
  file(item: I): string;
  inputSha256(item: I): string;
  name(item: I): string;
}

/**
 * What a stage module exports: optionally its per-article work, and what it makes of its inputs (and of its items'
 * sidecars) once they are current: manifests, tables, the report, the release. `finish` runs only when the
 * stage's key changed or an output no longer has its recorded hash; it holds no skip logic of its own.
 */
export interface StageModule<I = never, S = unknown> {
  perItem?: PerItem<I>;
  finish(ctx: StageContext, sidecars: ReadonlyArray<Sidecar<S>>): Promise<void>;
}

/**
 * A stage as the runner and the CLI see it: its inputs and outputs by the paths of paths.ts, and where its code
 * is. Its code is imported only when it runs, so `--help` and an unchanged stage do not pay for loading the others.
 */
export interface Stage {
  name: string;
  description: string;
  /** Runs on a shard (--shard K/N); the stages after it need the whole corpus and run once, on the merged build. */
  sharded?: true;
  /** The stage module, whose import graph (with its pool task's) is the stage's code version. */
  module: URL;
  /** Files (or folders) it reads: they must exist, and their content keys the stage. */
  inputs(paths: BuildPaths): string[];
  /** Files (or folders) it writes: their hashes are recorded, and a changed one makes the stage run again. */
  outputs(paths: BuildPaths): string[];
  /** Everything besides inputs and code that changes the outputs (never the job count). */
  config?(ctx: StageContext): unknown;
}
