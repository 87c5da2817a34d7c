import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { PreviousRelease, PreviousTable } from "./changes-since.ts";
import { compareVersions } from "./compare-versions.ts";
import type { ReleaseEntry } from "./write-release.ts";

interface ResourceFacts {
  name: string;
  path: string;
  format: string;
  schema: { fields: PreviousTable["fields"] };
}

/** The newest release in dist/releases.json older than `version`, read back from its files; null if none. */
export async function readPreviousRelease(distDir: string, version: string): Promise<PreviousRelease | null> {
  const index = await readFile(join(distDir, "releases.json"), "utf8").catch(() => null);
  if (index === null) return null;
  const older = (JSON.parse(index) as ReleaseEntry[]).filter((e) => compareVersions(e.version, version) < 0);
  const entry = older.sort((a, b) => compareVersions(a.version, b.version)).at(-1);
  if (!entry) return null;
  const dir = join(distDir, entry.path);
  const { resources } = JSON.parse(await readFile(join(dir, "datapackage.json"), "utf8")) as { resources: ResourceFacts[] };
  const tables: Record<string, PreviousTable> = {};
  // The CSV resource carries the table's name; a release writes each table as <table>.<format>.
  for (const csv of resources.filter((r) => r.format === "csv")) {
    const rows = JSON.parse(await readFile(join(dir, `${csv.name}.json`), "utf8")) as Record<string, unknown>[];
    tables[csv.name] = { rows, fields: csv.schema.fields };
  }
  return { version: entry.version, tables };
}
