import { readFile } from "node:fs/promises";
import { sha256Hex } from "./hash.ts";
import { atPath } from "./io-error.ts";
import { RunError } from "./pipeline-error.ts";

/**
 * The bytes of a file one stage hands to the next, read from `path`, once they still have the hash `stage` recorded
 * for it (the whole SHA-256, or its first digits where an article id is that prefix). A file edited or damaged since,
 * even to the same size, is never taken for the one recorded, so nothing made from it is cached or published under
 * that hash: the run stops and names the stage to run again.
 */
export function recorded(path: string, bytes: Buffer, sha256: string, stage: string): Buffer {
  if (sha256Hex(bytes).startsWith(sha256)) return bytes;
  throw new RunError(`${path} is not the file ${stage} recorded (it changed since): run ${stage} again (make ${stage} does); nothing was made from it`);
}

/** Reads a file a stage handed on, as `recorded` accepts it. */
export async function readVerified(path: string, sha256: string, stage: string): Promise<Buffer> {
  return recorded(path, await atPath("reading", path, () => readFile(path)), sha256, stage);
}
