import { availableParallelism } from "node:os";
import { removeTemporaryFiles } from "../lib/files.ts";
import { lockFolder } from "../lib/lock-folder.ts";
import { buildPaths, type Dirs } from "../lib/paths.ts";
import { runStage } from "./run-stage.ts";
import type { Stage } from "./stage.ts";
import { stages } from "./index.ts";

export interface RunOptions {
  dirs: Dirs;
  log?: (message: string) => void;
  /** Worker threads for per-article work (default: the core count). */
  jobs?: number;
}

/** Runs the named stage, or every stage in order for "all", holding the build folder's lock: one run writes it at a time. */
export async function runStages(name: string, { dirs, log = (m) => console.error(m), jobs = availableParallelism() }: RunOptions): Promise<void> {
  const selected: readonly Stage[] = name === "all" ? stages : stages.filter((s) => s.name === name);
  if (selected.length === 0) throw new Error(`unknown stage ${name}`);
  const ctx = { dirs, paths: buildPaths(dirs), log, jobs };
  await lockFolder(dirs.build, "stages", log, async () => {
    // Under the lock no other run writes the build: a temporary file in it is one a killed run left (per-article
    // folders are swept by the stage that owns them).
    for (const stage of stages) await removeTemporaryFiles(ctx.paths.stageFolder(stage.name));
    for (const stage of selected) {
      const started = performance.now();
      await runStage(stage, ctx);
      log(`${stage.name} done in ${((performance.now() - started) / 1000).toFixed(2)} s`);
    }
  });
}
