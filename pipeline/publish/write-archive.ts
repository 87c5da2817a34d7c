import { chmod, readdir } from "node:fs/promises";
import { join } from "node:path";
import { create } from "tar";
import { HashedFile } from "../lib/hashed-file.ts";

export interface ArchiveFacts {
  path: string;
  bytes: number;
  sha256: string;
}

/**
 * `dir/<archiveName>` of the release folder `dir/<releaseDir>`, hashed as it is written. Deterministic: sorted
 * entries, fixed modes, every mtime set to the release date, portable headers (no owner, no atime/ctime) and a
 * gzip header without a timestamp, so the same release always makes the same bytes and its hash can stand for it.
 */
export async function writeArchive(dir: string, releaseDir: string, archiveName: string, released: string): Promise<ArchiveFacts> {
  const folder = join(dir, releaseDir);
  const names = (await readdir(folder)).sort();
  await chmod(folder, 0o755);
  for (const name of names) await chmod(join(folder, name), 0o644);
  // Opened before tar starts reading the folder: a file it cannot create must not leave tar's reads open.
  const file = await HashedFile.create(join(dir, archiveName));
  const pack = create({ cwd: dir, gzip: { level: 9 }, portable: true, mtime: new Date(`${released}T00:00:00Z`), noDirRecurse: true }, [
    releaseDir,
    ...names.map((n) => `${releaseDir}/${n}`),
  ]);
  let failure: unknown = null;
  // After a failed write the rest is still read and dropped: tar closes each file it reads only at its end, and an
  // open file of a removed staging folder keeps its space taken.
  for await (const chunk of pack as AsyncIterable<Buffer>) if (failure === null) await file.write(chunk).catch((error: unknown) => (failure = error));
  const written = await file.close().catch((error: unknown) => ((failure ??= error), null));
  if (failure !== null || written === null) throw failure;
  return { path: archiveName, ...written };
}
