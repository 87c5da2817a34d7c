import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { TableDef } from "../../schemas/column.ts";
import { fileSha256 } from "../lib/files.ts";
import { writeHashedFile } from "../lib/hashed-file.ts";
import { sqliteFileName, toSqlite } from "./to-sqlite.ts";
import { citationCff } from "./citation-cff.ts";
import { changesSince } from "./changes-since.ts";
import { countRemovedTables } from "./count-removed-tables.ts";
import type { PreviousRelease } from "./previous-release.ts";
import type { Renames } from "./row-diff.ts";
import { dataDictionary } from "./data-dictionary.ts";
import { datasetCard } from "./dataset-card.ts";
import { headlineSample, outcomeExample } from "./card-examples.ts";
import { datapackage, type FileFacts } from "./datapackage.ts";
import { tableFormats } from "./formats.ts";
import type { DatasetInfo } from "./dataset-info.ts";
import { schemaChanges } from "./schema-changes.ts";
import type { TableRows } from "../lib/table-rows.ts";
import { writeTable, type WrittenTable } from "./write-table.ts";

export interface ReleaseOptions {
  /** The release this one is compared with in CHANGES.md; null for the first. */
  previous?: PreviousRelease | null;
  /** Extraction scores (markdown) for the dataset card; null when no article in the release is scored. */
  scores?: string | null;
  /**
   * Writes the release's explorer into it once its tables, database and documents are there (it reads them), and
   * returns its files under `site/` for SHA256SUMS. Given by the publish stage: the site is a layer above publish.
   */
  site?: ((dir: string) => Promise<FileFacts[]>) | null;
}

/**
 * Writes every file of a release into `dir`: each table streamed into its formats, then the documents that
 * describe them (datapackage.json, data dictionary, CHANGES.md, dataset card) and SHA256SUMS. Returns the rows
 * written per table.
 */
export async function buildRelease(
  dir: string,
  info: DatasetInfo,
  defs: readonly TableDef[],
  rows: TableRows,
  { previous = null, scores = null, site = null }: ReleaseOptions = {},
): Promise<Record<string, number>> {
  const written: WrittenTable[] = [];
  // Shared by the tables in release order, so a table follows the keys the tables before it renamed.
  const renames: Renames = new Map();
  for (const def of defs) {
    const options = { meta: { table: def.name, description: def.description, version: info.version }, createdBy: `${info.name} ${info.version}` };
    written.push(await writeTable(dir, def, rows, { ...options, previous: previous?.tables[def.name], renames }));
  }
  const facts = new Map<string, FileFacts>(written.flatMap((t) => t.files.map((f) => [f.path, f] as const)));
  const has = (name: string) => defs.some((d) => d.name === name);
  const databaseName = sqliteFileName(info);
  await toSqlite(join(dir, databaseName), info, defs, rows);
  const database = { path: databaseName, bytes: (await stat(join(dir, databaseName))).size, sha256: await fileSha256(join(dir, databaseName)) };
  facts.set(databaseName, database);
  const documents: Record<string, string> = {
    "datapackage.json": JSON.stringify(datapackage(info, written, facts, database), null, 2) + "\n",
    "DATA_DICTIONARY.md": dataDictionary(info, written),
    "CHANGES.md": changesSince(
      info.version,
      info.changes,
      written,
      previous && { version: previous.version, schema: schemaChanges(defs, previous), removedTables: await countRemovedTables(defs, previous) },
    ),
    "CITATION.cff": citationCff(info),
    "README.md": datasetCard(info, written, tableFormats.map((f) => f.name), {
      scores,
      outcomeExample: has("target_outcomes") ? await outcomeExample(rows) : null,
      sample: has("headline_targets") ? await headlineSample(rows) : null,
      database: databaseName,
    }),
  };
  for (const [name, text] of Object.entries(documents)) facts.set(name, { path: name, ...(await writeHashedFile(join(dir, name), text)) });
  for (const file of (await site?.(dir)) ?? []) facts.set(file.path, file);
  const sums = [...facts.keys()].sort().map((name) => `${facts.get(name)!.sha256}  ${name}`).join("\n") + "\n";
  await writeHashedFile(join(dir, "SHA256SUMS"), sums);
  return Object.fromEntries(written.map((t) => [t.def.name, t.rows]));
}
