import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { PreviousRelease, PreviousTable } from "./previous-release.ts";
import { compareVersions } from "./compare-versions.ts";
import { readRelease, type Release } from "./read-release.ts";
import type { ReleaseEntry } from "./write-release.ts";
import { distPaths } from "../lib/paths.ts";

/**
 * A release as the next one compares itself with: each table's fields, typed as the schemas type a column (a
 * Table Schema `array` is a list), and its rows read from its Arrow file.
 */
export function asPreviousRelease(release: Release): PreviousRelease {
  const tables: Record<string, PreviousTable> = {};
  for (const table of release.tables) {
    const arrow = table.resources.find((r) => r.format === "arrow");
    const fields = table.schema.fields.map((f) => ({ name: f.name, type: f.type === "array" ? "list" : f.type }));
    if (arrow) tables[table.name] = { fields, rows: () => arrow.rows() };
  }
  return { version: release.datapackage.version, tables };
}

/** The newest release in dist/releases.json older than `version`, read back from its files; null if none. */
export async function readPreviousRelease(distDir: string, version: string): Promise<PreviousRelease | null> {
  const index = await readFile(distPaths(distDir).releasesIndex, "utf8").catch(() => null);
  if (index === null) return null;
  const older = (JSON.parse(index) as ReleaseEntry[]).filter((e) => compareVersions(e.version, version) < 0);
  const entry = older.sort((a, b) => compareVersions(a.version, b.version)).at(-1);
  if (!entry) return null;
  return asPreviousRelease(await readRelease(join(distDir, entry.path)));
}
