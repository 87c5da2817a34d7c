import type { ArticleStage, Rejection } from "../../schemas/normalized-article.ts";
import type { FileHashes } from "../lib/file-hashes.ts";
import type { BuildPaths, Dirs } from "../lib/paths.ts";
import type { ItemResult } from "../lib/run-cached.ts";
import type { Shard } from "../lib/shard.ts";
import type { PoolTask } from "../lib/worker-pool.ts";
import { writeJson } from "../lib/files.ts";
import { PipelineError } from "../lib/pipeline-error.ts";
export { PipelineError };
export type { ItemResult };

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
  /** Longest one article may compute in one stage, in ms: past it the article is rejected in that stage. */
  budgetMs: number;
  /** The stage's file hashes, remembered between its runs: how it hashes any file it reads or writes. */
  fileHashes: FileHashes;
}

/** What a run hands each stage; the stage's own file hashes are added when it starts. */
export type RunContext = Omit<StageContext, "fileHashes">;

/**
 * Per-article work a stage declares: the runner computes each item in the worker pool, cached by the item's
 * input hash, the stage's code and configuration, and removes outputs of items that are gone. An item that fails
 * (throws, crashes its worker, runs past the budget) is the stage's to leave out and report; the rest go on.
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
 * What a stage module exports: optionally its per-article work, and what it makes of its inputs (and of what became
 * of its items) once they are current: manifests, tables, the report, the release. `finish` runs only when the
 * stage's key changed or an output no longer has its recorded hash; it holds no skip logic of its own.
 */
export interface StageModule<I = never, S = unknown> {
  perItem?: PerItem<I>;
  finish(ctx: StageContext, results: ReadonlyArray<ItemResult<I, S>>): Promise<void>;
}

/** The report lines of the items a stage could not compute. */
export const failedItems = (stage: ArticleStage, results: ReadonlyArray<ItemResult<unknown, unknown>>): Rejection[] =>
  results.flatMap((r) => (r.ok ? [] : [{ source_file: r.name, stage, reason: r.reason }]));

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

/**
 * Logs and writes a stage's rejection lines (the run's rejection report gathers them). A stage that kept no article
 * stops the run, after writing why: an empty release would hide the failure.
 */
export async function reportRejections({ paths, log, shard }: StageContext, stage: ArticleStage, rejected: readonly Rejection[], kept: number): Promise<void> {
  for (const r of rejected) log(`rejected ${r.source_file}: ${r.reason}`);
  await writeJson(paths.rejections(stage), rejected);
  // A shard may hold no article (fewer files than shards, or all rejected); the merge asks it of the whole corpus.
  if (kept > 0 || shard) return;
  const first = rejected[0];
  throw new PipelineError(`${stage} has no article left to pass on (${rejected.length} rejected${first ? `, the first ${first.source_file}: ${first.reason}` : ""})`);
}
