import { statfs } from "node:fs/promises";
import { atPath } from "./io-error.ts";
import { PipelineError } from "./pipeline-error.ts";

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Refuses before anything is written when the disk holding `dir` has fewer than `bytes` free for `doing`. */
export async function requireFreeSpace(dir: string, bytes: number, doing: string): Promise<void> {
  const { bavail, bsize } = await atPath("measuring the free space of", dir, () => statfs(dir));
  const free = bavail * bsize;
  if (free >= bytes) return;
  throw new PipelineError(
    `not enough free space in ${dir} for ${doing}: it needs about ${megabytes(bytes)} (${bytes} bytes), and ${megabytes(free)} (${free} bytes) are free; free some space there or choose another folder`,
  );
}
