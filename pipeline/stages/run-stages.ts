import { availableParallelism } from "node:os";
import { removeTemporaryFiles } from "../lib/files.ts";
import { lockFolder } from "../lib/lock-folder.ts";
import { buildPaths, type Dirs } from "../lib/paths.ts";
import { PipelineError } from "../lib/pipeline-error.ts";
import { describeShard, type Shard } from "../lib/shard.ts";
import { runStage } from "./run-stage.ts";
import { summarizeRun } from "./summarize-run.ts";
import type { Stage } from "./stage.ts";
import { stages } from "./index.ts";

export interface RunOptions {
  dirs: Dirs;
  log?: (message: string) => void;
  /** Worker threads for per-article work (default: the core count). */
  jobs?: number;
  /** Longest one article may compute in one stage, in ms (default ARTICLE_BUDGET_MS). */
  budgetMs?: number;
  /** Only this part of the raw files, in the stages that run on a shard ("all" is those stages). */
  shard?: Shard;
  /** Builds of shards to take current per-article outputs from (merge). */
  shardBuilds?: readonly string[];
}

/**
 * The default time budget of one article in one stage: a runaway article becomes a rejection rather than a stalled
 * corpus. The slowest of the 38 texts in raw/ takes about 1.2 s in extract on a 2-core machine.
 */
export const ARTICLE_BUDGET_MS = 60_000;

/**
 * Runs the named stage, or every stage in order for "all" (every stage that runs on a shard, given one), holding
 * the build folder's lock: one run writes it at a time.
 */
export async function runStages(
  name: string,
  { dirs, log = (m) => console.error(m), jobs = availableParallelism(), budgetMs = ARTICLE_BUDGET_MS, shard, shardBuilds }: RunOptions,
): Promise<void> {
  const selected: readonly Stage[] = name === "all" ? stages.filter((s) => !shard || s.sharded) : stages.filter((s) => s.name === name);
  if (selected.length === 0) throw new Error(`unknown stage ${name}`);
  if (shard && !selected.every((s) => s.sharded)) throw new PipelineError(`${name} runs once, on the merged build, not on shard ${describeShard(shard)}`);
  const ctx = { dirs, paths: buildPaths(dirs), log, jobs, budgetMs, shard, shardBuilds };
  await lockFolder(dirs.build, "stages", log, async () => {
    // Under the lock no other run writes the build: a temporary file in it is one a killed run left (per-article
    // folders are swept by the stage that owns them).
    for (const stage of stages) await removeTemporaryFiles(ctx.paths.stageFolder(stage.name));
    for (const stage of selected) {
      const started = performance.now();
      await runStage(stage, ctx);
      log(`${stage.name} done in ${((performance.now() - started) / 1000).toFixed(2)} s`);
    }
    await summarizeRun(ctx, selected);
  });
}
