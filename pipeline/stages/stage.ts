import type { BuildPaths, Dirs } from "../lib/paths.ts";
export { PipelineError } from "../lib/pipeline-error.ts";

export interface StageContext {
  dirs: Dirs;
  paths: BuildPaths;
  log: (message: string) => void;
  /** Worker threads for per-article work; outputs must not depend on it. */
  jobs: number;
}

/** What a stage module exports: its work, over the previous stage's output. */
export type StageRun = (ctx: StageContext) => Promise<void>;

/**
 * A stage as the runner and the CLI see it. Its code is imported only when it runs, so `--help` and a stage
 * whose inputs are unchanged do not pay for loading the others (Arrow and Parquet for publish, jieba's users).
 */
export interface Stage {
  name: string;
  description: string;
  /** The stage whose output this one reads, if any. */
  reads?: string;
  load(): Promise<{ run: StageRun }>;
}
