import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { writeJson } from "../lib/files.ts";
import { PipelineError } from "../stage.ts";
import { compareVersions } from "./compare-versions.ts";
import type { DatasetInfo } from "./dataset-info.ts";
import { writeArchive, type ArchiveFacts } from "./write-archive.ts";

export interface ReleaseEntry {
  version: string;
  released: string;
  path: string;
  archive: ArchiveFacts;
}

export interface WriteOptions {
  /** Writes one release file; tests swap it to interrupt a publish midway. */
  writeFile?: (path: string, bytes: Uint8Array) => Promise<void>;
}

async function readDir(dir: string): Promise<Map<string, Buffer> | null> {
  const names = await readdir(dir).catch(() => null);
  if (!names) return null;
  return new Map(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n))] as const)));
}

function differences(existing: ReadonlyMap<string, Uint8Array>, next: ReadonlyMap<string, Uint8Array>): string[] {
  const names = new Set([...existing.keys(), ...next.keys()]);
  return [...names].sort().filter((n) => {
    const a = existing.get(n);
    const b = next.get(n);
    return !a || !b || Buffer.compare(Buffer.from(a), Buffer.from(b)) !== 0;
  });
}

/**
 * Writes dist/v<version>/ through a temporary folder beside it and one rename, then the archive, then
 * releases.json, so an interrupted publish leaves earlier releases and releases.json untouched and a
 * rerun completes it. An existing version is immutable: it must come out byte for byte the same, or the
 * user must bump the version.
 */
export async function writeRelease(
  distDir: string,
  info: DatasetInfo,
  files: ReadonlyMap<string, Uint8Array>,
  { writeFile: write = writeFile }: WriteOptions = {},
): Promise<"written" | "unchanged"> {
  const dir = `v${info.version}`;
  const target = join(distDir, dir);
  const existing = await readDir(target);
  if (existing) {
    const changed = differences(existing, files);
    if (changed.length > 0) {
      throw new PipelineError(
        `release v${info.version} already exists in ${distDir} and this build differs in ${changed.join(", ")}; ` +
          `a published release is immutable: bump "version" in dataset.json`,
      );
    }
  } else {
    await mkdir(distDir, { recursive: true });
    // No pid in the name: a rerun after a killed publish clears what it left.
    const tmp = join(distDir, `.${dir}.tmp`);
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp);
    try {
      for (const name of [...files.keys()].sort()) await write(join(tmp, name), files.get(name)!);
      await rename(tmp, target);
    } catch (error) {
      await rm(tmp, { recursive: true, force: true });
      throw error;
    }
  }
  const archive = await writeArchive(distDir, dir, `${info.name}-${dir}.tar.gz`, info.released);
  const entry = { version: info.version, released: info.released, path: `${dir}/`, archive };
  const updated = await updateIndex(distDir, entry);
  return existing && !updated ? "unchanged" : "written";
}

/** Adds or completes the release's entry; returns whether releases.json changed. */
async function updateIndex(distDir: string, entry: ReleaseEntry): Promise<boolean> {
  const path = join(distDir, "releases.json");
  const text = await readFile(path, "utf8").catch(() => "[]");
  const current: ReleaseEntry[] = JSON.parse(text);
  const next = [...current.filter((e) => e.version !== entry.version), entry].sort((a, b) => compareVersions(a.version, b.version));
  if (JSON.stringify(next, null, 2) + "\n" === text) return false;
  await writeJson(path, next);
  return true;
}
