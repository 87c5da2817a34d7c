import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { alignColumns } from "../lib/align-columns.ts";
import { distPaths, releasePaths } from "../lib/paths.ts";
import type { ReleaseEntry } from "./write-release.ts";

const size = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`);

/** The releases of a dist folder as releases.json lists them, and whether each one's folder and archive are there. */
export async function listReleases(dist: string): Promise<string> {
  const entries = JSON.parse(await readFile(distPaths(dist).releasesIndex, "utf8")) as ReleaseEntry[];
  const rows = entries.map((e) => [
    `v${e.version}`,
    e.released,
    e.archive.path,
    size(e.archive.bytes),
    existsSync(join(dist, e.archive.path)) ? "yes" : "no",
    existsSync(releasePaths(join(dist, e.path)).datapackage) ? e.path : "missing",
  ]);
  return alignColumns([["version", "released", "archive", "size", "archive here", "folder"], ...rows]);
}
