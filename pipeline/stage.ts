import type { BuildPaths, Dirs } from "./paths.ts";

export interface StageContext {
  dirs: Dirs;
  paths: BuildPaths;
  log: (message: string) => void;
  /** Worker threads for per-article work; outputs must not depend on it. */
  jobs: number;
}

/** A stage knows its input stage by name; the runner needs nothing else about it. */
export interface Stage {
  name: string;
  description: string;
  /** The stage whose output this one reads, if any. */
  reads?: string;
  run(ctx: StageContext): Promise<void>;
}

/** A failure the user can act on: printed without a stack trace. */
export class PipelineError extends Error {
  override name = "PipelineError";
}
