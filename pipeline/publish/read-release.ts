import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DataPackage, type DataResource, type TableSchema } from "../../schemas/datapackage.ts";
import { releasePaths } from "../lib/paths.ts";
import { tableFormats } from "./formats.ts";
import { sqliteRows } from "./to-sqlite.ts";

type Row = Record<string, unknown>;

/** One file of a table (or the table inside the release's database), with a way to read its rows (again). */
export interface ReleaseResource {
  path: string;
  format: string;
  /** How problems name it: the file, and the table where the file holds more than one. */
  label: string;
  schema: TableSchema;
  rows(): AsyncIterable<Row>;
}

/** A table as the release's datapackage.json declares it: the Table Schema of its values, and where it is held. */
export interface ReleaseTable {
  name: string;
  /** The JSON resource's (the one that types a list as a list), else the first resource's. */
  schema: TableSchema;
  resources: ReleaseResource[];
}

export interface Release {
  dir: string;
  datapackage: DataPackage;
  tables: ReleaseTable[];
}

/** A resource's table: the first format's resource carries the table's name, the others `<table>-<format>`. */
const tableOf = (r: DataResource) => (r.name.endsWith(`-${r.format}`) ? r.name.slice(0, -r.format.length - 1) : r.name);

async function* unreadable(format: string): AsyncGenerator<Row> {
  throw new Error(`no reader for format ${format}`);
}

/**
 * A release folder as its datapackage.json describes it, in its order; rows are read only when asked for, each
 * format's by its reader, valued by the table's schema (so a CSV list comes back a list). The SQLite database, a
 * resource of its own, is one more resource of every table.
 */
export async function readRelease(dir: string): Promise<Release> {
  const datapackage = DataPackage.parse(JSON.parse(await readFile(releasePaths(dir).datapackage, "utf8")));
  const byTable = new Map<string, Array<DataResource & { schema: TableSchema }>>();
  for (const resource of datapackage.resources) {
    const { schema } = resource;
    if (schema) byTable.set(tableOf(resource), [...(byTable.get(tableOf(resource)) ?? []), { ...resource, schema }]);
  }
  const database = datapackage.resources.find((r) => r.format === "sqlite");
  const tables = [...byTable].map(([name, resources]): ReleaseTable => {
    const schema = (resources.find((r) => r.format === "json") ?? resources[0]!).schema;
    const files = resources.map(({ path, format, schema: own }): ReleaseResource => {
      const reader = tableFormats.find((f) => f.name === format);
      return { path, format, label: path, schema: own, rows: () => (reader ? reader.read(join(dir, path), schema) : unreadable(format)) };
    });
    const inDatabase = database && {
      path: database.path,
      format: database.format,
      label: `${database.path} (table ${name})`,
      schema,
      rows: () => sqliteRows(join(dir, database.path), name, schema),
    };
    return { name, schema, resources: inDatabase ? [...files, inDatabase] : files };
  });
  return { dir, datapackage, tables };
}
