import { access, chmod, readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { create } from "tar";
import { sha256Hex } from "../lib/hash.ts";
import { writeFileAtomic } from "../lib/files.ts";

export interface ArchiveFacts {
  path: string;
  bytes: number;
  sha256: string;
}

const exists = (path: string) => access(path).then(() => true, () => false);

/**
 * dist/<name>-v<version>.tar.gz of the release folder, with a sha256sum-style checksum file beside it.
 * Deterministic: sorted entries, fixed modes, every mtime set to the release date, portable headers
 * (no owner, no atime/ctime) and a gzip header without a timestamp. Written through a temporary file;
 * an archive that is already there is left as published.
 */
export async function writeArchive(distDir: string, releaseDir: string, archiveName: string, released: string): Promise<ArchiveFacts> {
  const path = join(distDir, archiveName);
  const sumPath = `${path}.sha256`;
  if (!((await exists(path)) && (await exists(sumPath)))) {
    const names = (await readdir(join(distDir, releaseDir))).sort();
    await chmod(join(distDir, releaseDir), 0o755);
    for (const name of names) await chmod(join(distDir, releaseDir, name), 0o644);
    const tmp = `${path}.tmp`;
    try {
      await create(
        { file: tmp, cwd: distDir, gzip: { level: 9 }, portable: true, mtime: new Date(`${released}T00:00:00Z`), noDirRecurse: true },
        [releaseDir, ...names.map((n) => `${releaseDir}/${n}`)],
      );
      await rename(tmp, path);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    await writeFileAtomic(sumPath, `${sha256Hex(await readFile(path))}  ${archiveName}\n`);
  }
  const bytes = await readFile(path);
  return { path: archiveName, bytes: bytes.length, sha256: sha256Hex(bytes) };
}
