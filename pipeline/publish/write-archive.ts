import { access, chmod, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { create } from "tar";
import { sha256Hex } from "../lib/hash.ts";
import { filesUnder, writeFileAtomic } from "../lib/files.ts";

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
    const files = await filesUnder(join(distDir, releaseDir));
    // Each folder as its own entry before its files (noDirRecurse lists nothing by itself), in sorted order.
    const folders = [...new Set(files.flatMap((f) => f.split("/").slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join("/"))))].sort();
    const entries = [...folders.map((d) => ({ path: d, mode: 0o755 })), ...files.map((f) => ({ path: f, mode: 0o644 }))].sort((a, b) => (a.path < b.path ? -1 : 1));
    await chmod(join(distDir, releaseDir), 0o755);
    for (const e of entries) await chmod(join(distDir, releaseDir, e.path), e.mode);
    const tmp = `${path}.tmp`;
    try {
      await create(
        { file: tmp, cwd: distDir, gzip: { level: 9 }, portable: true, mtime: new Date(`${released}T00:00:00Z`), noDirRecurse: true },
        [releaseDir, ...entries.map((e) => `${releaseDir}/${e.path}`)],
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
