import { readFile } from "node:fs/promises";
import { sha256Hex } from "./hash.ts";
import { atPath } from "./io-error.ts";
import { PipelineError } from "./pipeline-error.ts";

/**
 * A file one stage hands to the next, read only while it still has the hash `stage` recorded for it (the whole
 * SHA-256, or its first digits where an article id is that prefix). A file edited or damaged since, even to the
 * same size, is never read as the one recorded, so nothing computed from it is cached or published under that hash.
 */
export async function readVerified(path: string, sha256: string, stage: string): Promise<Buffer> {
  const bytes = await atPath("reading", path, () => readFile(path));
  if (!sha256Hex(bytes).startsWith(sha256)) {
    throw new PipelineError(`${path} is not the file ${stage} recorded (it changed since): run ${stage} again (make ${stage} does); nothing was made from it`);
  }
  return bytes;
}
