import { access } from "node:fs/promises";
import { PipelineError } from "./pipeline-error.ts";

/** Fails with the command that produces a missing stage input. */
export async function requireInput(path: string, stage: string): Promise<void> {
  try {
    await access(path);
  } catch {
    throw new PipelineError(`missing ${path}: run the ${stage} stage first (make ${stage})`);
  }
}
