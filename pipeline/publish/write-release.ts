import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { writeJson } from "../lib/files.ts";
import { PipelineError } from "../stage.ts";
import type { DatasetInfo } from "./dataset-info.ts";

export interface ReleaseEntry {
  version: string;
  released: string;
  path: string;
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
 * Writes dist/v<version>/ through a temporary folder beside it and one rename, so an interrupted
 * publish leaves earlier releases and releases.json untouched. An existing version is immutable:
 * it must come out byte for byte the same, or the user must bump the version.
 */
export async function writeRelease(distDir: string, info: DatasetInfo, files: ReadonlyMap<string, Uint8Array>): Promise<"written" | "unchanged"> {
  const target = join(distDir, `v${info.version}`);
  const existing = await readDir(target);
  if (existing) {
    const changed = differences(existing, files);
    if (changed.length === 0) return "unchanged";
    throw new PipelineError(
      `release v${info.version} already exists in ${distDir} and this build differs in ${changed.join(", ")}; ` +
        `a published release is immutable: bump "version" in dataset.json`,
    );
  }
  await mkdir(distDir, { recursive: true });
  const tmp = join(distDir, `.v${info.version}.tmp-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp);
  try {
    for (const [name, bytes] of files) await writeFile(join(tmp, name), bytes);
    await rename(tmp, target);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  await updateIndex(distDir, { version: info.version, released: info.released, path: `v${info.version}/` });
  return "written";
}

const semverKey = (v: string) => v.split(".").map((p) => p.padStart(8, "0")).join(".");

async function updateIndex(distDir: string, entry: ReleaseEntry): Promise<void> {
  const path = join(distDir, "releases.json");
  const current: ReleaseEntry[] = JSON.parse(await readFile(path, "utf8").catch(() => "[]"));
  const next = [...current.filter((e) => e.version !== entry.version), entry].sort((a, b) => semverKey(a.version).localeCompare(semverKey(b.version)));
  await writeJson(path, next);
}
