import { open, readFile } from "node:fs/promises";
import { join } from "node:path";
import { DateDay, List, RecordBatchReader, Vector, type DataType } from "apache-arrow";
import type { PreviousRelease, PreviousTable } from "./previous-release.ts";
import { compareVersions } from "./compare-versions.ts";
import type { ReleaseEntry } from "./write-release.ts";
import { distPaths } from "../lib/paths.ts";

type Row = Record<string, unknown>;

interface ResourceFacts {
  name: string;
  path: string;
  format: string;
  schema: { fields: PreviousTable["fields"] };
}

/** A value read from Arrow as the table's JSON file has it: Int64 as a number, a date as YYYY-MM-DD, a list as an array. */
function jsonValue(type: DataType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type instanceof List && value instanceof Vector) return [...value].map((item) => jsonValue(type.children[0]!.type, item));
  if (type instanceof DateDay) return new Date(value as number).toISOString().slice(0, 10);
  return typeof value === "bigint" ? Number(value) : value;
}

/** The rows of a release's Arrow file, one record batch in memory at a time. */
async function* arrowRows(path: string): AsyncGenerator<Row> {
  const handle = await open(path);
  try {
    const reader = await RecordBatchReader.from(handle);
    for await (const batch of reader) {
      const fields = batch.schema.fields;
      const columns = fields.map((_, i) => batch.getChildAt(i)!);
      for (let r = 0; r < batch.numRows; r++) {
        yield Object.fromEntries(fields.map((f, i) => [f.name, jsonValue(f.type, columns[i]!.get(r))]));
      }
    }
  } finally {
    await handle.close();
  }
}

/** The newest release in dist/releases.json older than `version`, read back from its files; null if none. */
export async function readPreviousRelease(distDir: string, version: string): Promise<PreviousRelease | null> {
  const index = await readFile(distPaths(distDir).releasesIndex, "utf8").catch(() => null);
  if (index === null) return null;
  const older = (JSON.parse(index) as ReleaseEntry[]).filter((e) => compareVersions(e.version, version) < 0);
  const entry = older.sort((a, b) => compareVersions(a.version, b.version)).at(-1);
  if (!entry) return null;
  const dir = join(distDir, entry.path);
  const { resources } = JSON.parse(await readFile(join(dir, "datapackage.json"), "utf8")) as { resources: ResourceFacts[] };
  const tables: Record<string, PreviousTable> = {};
  // The CSV resource carries the table's name; a release writes each table as <table>.<format>. The JSON
  // resource's fields type a list as one (array), where the CSV's hold its delimited text.
  for (const csv of resources.filter((r) => r.format === "csv")) {
    const json = resources.find((r) => r.format === "json" && r.path === `${csv.name}.json`) ?? csv;
    const fields = json.schema.fields.map((f) => (f.type === "array" ? { ...f, type: "list" } : f));
    tables[csv.name] = { fields, rows: () => arrowRows(join(dir, `${csv.name}.arrow`)) };
  }
  return { version: entry.version, tables };
}
