import { copyFile, link, mkdir, rm } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * Puts the file `from` at `to`, replacing what is there: as a hard link, so no bytes are copied (writers replace a
 * file by renaming a new one into place, so neither name's content changes under the other), or as a copy where a
 * link cannot be made (another file system).
 */
export async function linkFile(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  await rm(to, { force: true });
  await link(from, to).catch(() => copyFile(from, to));
}
