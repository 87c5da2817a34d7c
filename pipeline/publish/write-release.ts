import { mkdir, readFile, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileSha256, filesUnder, writeJson } from "../lib/files.ts";
import { distPaths } from "../lib/paths.ts";
import { PipelineError } from "../lib/pipeline-error.ts";
import { compareVersions } from "./compare-versions.ts";
import type { DatasetInfo } from "./dataset-info.ts";
import { writeArchive, type ArchiveFacts } from "./write-archive.ts";

export interface ReleaseEntry {
  version: string;
  released: string;
  path: string;
  archive: ArchiveFacts;
}

/** The paths of the files under each folder that are missing from the other or differ in content, sorted. */
async function differences(existingDir: string, nextDir: string): Promise<string[]> {
  const [existing, next] = await Promise.all([filesUnder(existingDir), filesUnder(nextDir)]);
  const names = [...new Set([...existing, ...next])].sort();
  const differs = await Promise.all(
    names.map(async (n) => !existing.includes(n) || !next.includes(n) || (await fileSha256(join(existingDir, n))) !== (await fileSha256(join(nextDir, n)))),
  );
  return names.filter((_, i) => differs[i]);
}

/**
 * Writes dist/v<version>/ into a temporary folder beside it (`build` streams the files there), then renames it
 * into place, then writes the archive, then releases.json: an interrupted publish leaves earlier releases and
 * releases.json untouched and a rerun completes it. An existing version is immutable: the new build must come
 * out byte for byte the same, or the user must bump the version.
 */
export async function writeRelease(distDir: string, info: DatasetInfo, build: (dir: string) => Promise<void>): Promise<"written" | "unchanged"> {
  const where = distPaths(distDir);
  const dir = where.releaseFolder(info.version);
  const target = where.release(info.version);
  // No pid in the name: a rerun after a killed publish clears what it left.
  const tmp = join(distDir, `.${dir}.tmp`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const existed = await stat(target).then(() => true, () => false);
  try {
    await build(tmp);
    if (existed) {
      const changed = await differences(target, tmp);
      if (changed.length > 0) {
        throw new PipelineError(
          `release v${info.version} already exists in ${distDir} and this build differs in ${changed.join(", ")}; ` +
            `a published release is immutable: bump "version" in dataset.json`,
        );
      }
      await rm(tmp, { recursive: true });
    } else await rename(tmp, target);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  const archive = await writeArchive(distDir, dir, where.archiveName(info.name, info.version), info.released);
  const entry = { version: info.version, released: info.released, path: `${dir}/`, archive };
  const updated = await updateIndex(distDir, entry);
  return existed && !updated ? "unchanged" : "written";
}

/** Adds or completes the release's entry; returns whether releases.json changed. */
async function updateIndex(distDir: string, entry: ReleaseEntry): Promise<boolean> {
  const path = distPaths(distDir).releasesIndex;
  const text = await readFile(path, "utf8").catch(() => "[]");
  const current: ReleaseEntry[] = JSON.parse(text);
  const next = [...current.filter((e) => e.version !== entry.version), entry].sort((a, b) => compareVersions(a.version, b.version));
  if (JSON.stringify(next, null, 2) + "\n" === text) return false;
  await writeJson(path, next);
  return true;
}
