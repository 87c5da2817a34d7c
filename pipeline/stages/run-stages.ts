import { availableParallelism } from "node:os";
import { buildPaths, type Dirs } from "../lib/paths.ts";
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
}

/**
 * The default time budget of one article in one stage: a runaway article becomes a rejection rather than a stalled
 * corpus. The slowest of the 38 texts in raw/ takes about 1.2 s in extract on a 2-core machine.
 */
export const ARTICLE_BUDGET_MS = 60_000;

/** Runs the named stage, or every stage in order for "all". */
export async function runStages(
  name: string,
  { dirs, log = (m) => console.error(m), jobs = availableParallelism(), budgetMs = ARTICLE_BUDGET_MS }: RunOptions,
): Promise<void> {
  const selected: readonly Stage[] = name === "all" ? stages : stages.filter((s) => s.name === name);
  if (selected.length === 0) throw new Error(`unknown stage ${name}`);
  const ctx = { dirs, paths: buildPaths(dirs), log, jobs, budgetMs };
  for (const stage of selected) {
    const started = performance.now();
    await runStage(stage, ctx);
    log(`${stage.name} done in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  }
  await summarizeRun(ctx, selected);
}
