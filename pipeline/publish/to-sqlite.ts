import { rm } from "node:fs/promises";
import sqlite from "node-sqlite3-wasm";
import type { TableDef } from "../../schemas/column.ts";
import type { TableSchema } from "../../schemas/datapackage.ts";
import { atPathWithoutErrno } from "../lib/io-error.ts";
import type { DatasetInfo } from "./dataset-info.ts";
import { describeColumns, type Column } from "./describe-columns.ts";
import { createIndexes, createTable, quoteName, quoteText } from "./sqlite-ddl.ts";
import { views } from "./sqlite-views.ts";
import type { TableRows } from "../lib/table-rows.ts";

type ReleaseInfo = Pick<DatasetInfo, "name" | "title" | "version" | "released" | "licenses">;

/** The release's database file: `<name>-<version>.sqlite`. */
export const sqliteFileName = (info: Pick<DatasetInfo, "name" | "version">) => `${info.name}-${info.version}.sqlite`;

/** Tables that describe the release inside the database, beside its own tables. */
const METADATA = {
  release_info: `CREATE TABLE release_info (
  name TEXT NOT NULL, title TEXT NOT NULL, version TEXT NOT NULL, released TEXT NOT NULL CHECK (released IS date(released)),
  license TEXT NOT NULL, license_url TEXT NOT NULL
)`,
  table_descriptions: `CREATE TABLE table_descriptions (
  table_name TEXT NOT NULL PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('table', 'view')), description TEXT NOT NULL
)`,
  // type is the schema's: a boolean is stored as INTEGER 0/1 and a date as ISO TEXT, so this says which is which.
  column_descriptions: `CREATE TABLE column_descriptions (
  table_name TEXT NOT NULL REFERENCES table_descriptions (table_name), column_name TEXT NOT NULL, position INTEGER NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('string', 'integer', 'number', 'boolean', 'date', 'list')), nullable INTEGER NOT NULL CHECK (nullable IN (0, 1)),
  description TEXT NOT NULL, unit TEXT,
  PRIMARY KEY (table_name, column_name)
)`,
};

type Database = InstanceType<typeof sqlite.Database>;
/** SQLite's messages for a failed read, write or open, and node-sqlite3-wasm's for an open (both keep the errno to themselves). */
const SQLITE_IO = /^(disk I\/O error|database or disk is full|unable to open database file|Could not open the database )/;
type SqlValue = string | number | null;

/** A row's value as SQLite stores it, failing on a value of the wrong type (a non-STRICT table would keep it). */
function sqlValue(table: string, row: number, c: Column, value: unknown): SqlValue {
  if (value === null || value === undefined) return null; // NOT NULL rejects it where the schema does
  if (c.type === "boolean" && typeof value === "boolean") return value ? 1 : 0;
  if (c.type === "list" && Array.isArray(value)) return JSON.stringify(value);
  if ((c.type === "string" || c.type === "date") && typeof value === "string") return value;
  if (c.type === "number" && typeof value === "number" && Number.isFinite(value)) return value;
  if (c.type === "integer" && Number.isSafeInteger(value)) return value as number;
  throw new Error(`${table} row ${row + 1}, column ${c.name}: ${JSON.stringify(value)} is not of type ${c.type}`);
}

/** Inserts a table's rows as they stream in, through one prepared statement, in one transaction. */
async function insertRows(db: Database, table: string, columns: readonly Column[], rows: AsyncIterable<Record<string, unknown>>): Promise<void> {
  const insert = db.prepare(`INSERT INTO ${quoteName(table)} (${columns.map((c) => quoteName(c.name)).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
  try {
    db.exec("BEGIN");
    let count = 0;
    for await (const row of rows) {
      insert.run(columns.map((c) => sqlValue(table, count, c, row[c.name])));
      count++;
    }
    db.exec("COMMIT");
  } finally {
    insert.finalize();
  }
}

function insertAll(db: Database, sql: string, rows: readonly SqlValue[][]): void {
  const insert = db.prepare(sql);
  try {
    for (const row of rows) insert.run(row);
  } finally {
    insert.finalize();
  }
}

function writeMetadata(db: Database, info: ReleaseInfo, defs: readonly TableDef[], columns: ReadonlyMap<string, Column[]>): void {
  for (const sql of Object.values(METADATA)) db.exec(sql);
  const license = info.licenses.map((l) => l.name).join(" AND ");
  const licenseUrl = info.licenses.map((l) => l.path).join(" ");
  insertAll(db, "INSERT INTO release_info VALUES (?, ?, ?, ?, ?, ?)", [[info.name, info.title, info.version, info.released, license, licenseUrl]]);
  insertAll(db, "INSERT INTO table_descriptions VALUES (?, ?, ?)", [
    ...defs.map((d) => [d.name, "table", d.description]),
    ...views.map((v) => [v.name, "view", v.description]),
  ]);
  insertAll(
    db,
    "INSERT INTO column_descriptions VALUES (?, ?, ?, ?, ?, ?, ?)",
    defs.flatMap((d) => columns.get(d.name)!.map((c, i) => [d.name, c.name, i + 1, c.type, c.nullable ? 1 : 0, c.description, c.unit ?? null])),
  );
}

/** A query's rows as arrays of values, in column order. */
const values = (db: Database, sql: string) => db.all(sql).map((row) => Object.values(row));

/** PRAGMA foreign_key_check and integrity_check, which must both come back clean. */
function checkDatabase(db: Database): void {
  const missing = new Map<string, { rows: number; firstRowid: unknown }>();
  for (const [table, rowid, parent, fkid] of values(db, "PRAGMA foreign_key_check")) {
    const from = values(db, `SELECT "from" FROM pragma_foreign_key_list(${quoteText(String(table))}) WHERE id = ${Number(fkid)} ORDER BY seq`);
    const key = `${String(table)} (${from.flat().join(", ")}) → ${String(parent)}`;
    const seen = missing.get(key) ?? { rows: 0, firstRowid: rowid ?? null };
    missing.set(key, { ...seen, rows: seen.rows + 1 });
  }
  if (missing.size > 0) {
    const lines = [...missing].map(([key, m]) => `${key}: no match for ${m.rows} row${m.rows === 1 ? "" : "s"} (first rowid ${String(m.firstRowid)})`);
    throw new Error(`sqlite foreign_key_check failed:\n${lines.join("\n")}`);
  }
  const integrity = values(db, "PRAGMA integrity_check").flat();
  if (integrity.join() !== "ok") throw new Error(`sqlite integrity_check failed:\n${integrity.join("\n")}`);
}

/**
 * Writes the release as one SQLite database at `path`: every table with its types, checks, keys and indexes, the
 * views, and release_info, table_descriptions and column_descriptions. Tables are filled one at a time from the row
 * streams, through SQLite's own file (node-sqlite3-wasm), so memory stays at the page cache's size whatever the
 * release's. The same rows give the same bytes: the file holds no time or path, the page size is fixed, and the
 * same statements run in the same order. A failed build leaves no file.
 */
export async function toSqlite(path: string, info: ReleaseInfo, defs: readonly TableDef[], rows: TableRows): Promise<void> {
  for (const name of [...Object.keys(METADATA), ...views.map((v) => v.name)]) {
    if (defs.some((d) => d.name === name)) throw new Error(`table ${name}: the name is taken by the database's own ${name}`);
  }
  await rm(path, { force: true });
  const sqliteIo = (error: Error) => SQLITE_IO.test(error.message);
  const db = await atPathWithoutErrno("creating", path, sqliteIo, async () => new sqlite.Database(path));
  try {
    await atPathWithoutErrno("writing", path, sqliteIo, async () => {
      // No journal: a failed build is thrown away whole, never rolled back. Keys are checked once every row is
      // in, since release order is not reference order (articles come before districts).
      db.exec("PRAGMA page_size = 4096; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF");
      const columns = new Map(defs.map((d) => [d.name, describeColumns(d)]));
      for (const def of defs) db.exec(createTable(def, columns.get(def.name)!));
      for (const def of defs) await insertRows(db, def.name, columns.get(def.name)!, rows(def.name));
      for (const sql of createIndexes(defs)) db.exec(sql);
      for (const view of views) db.exec(`CREATE VIEW ${quoteName(view.name)} AS\n${view.select}`);
      writeMetadata(db, info, defs, columns);
      checkDatabase(db);
      db.close();
    });
  } catch (error) {
    if (db.isOpen) db.close();
    await rm(path, { force: true });
    throw error;
  }
}

/** How long a reader waits for another's statement to end: at most one table's read, even of a large release. */
export const READ_WAIT_MS = 60_000;

/**
 * Opens a release's database to read it. node-sqlite3-wasm locks a file even for a read, by making a folder beside
 * it (`<file>.lock`), so a second reader at the same moment (the explorer built while a release is verified, two
 * test threads) was refused with "database is locked"; it waits for the other reader instead.
 */
export function openToRead(path: string): Database {
  const db = new sqlite.Database(path, { fileMustExist: true, readOnly: true });
  db.exec(`PRAGMA busy_timeout = ${READ_WAIT_MS}`);
  return db;
}

/**
 * The rows of one table of a release's database, valued as its JSON file holds them: a boolean back from 0/1 and
 * a list from its JSON text, by the table's Table Schema; rows in rowid order, the order they were written in.
 */
export async function* sqliteRows(path: string, table: string, schema: TableSchema): AsyncGenerator<Record<string, unknown>> {
  const types = new Map(schema.fields.map((f) => [f.name, f.type]));
  const db = openToRead(path);
  const select = db.prepare(`SELECT * FROM ${quoteName(table)} ORDER BY rowid`);
  try {
    for (const row of select.iterate()) {
      yield Object.fromEntries(
        Object.entries(row).map(([name, value]) => {
          const type = types.get(name);
          if (value === null) return [name, null];
          if (type === "boolean" && typeof value === "number") return [name, value === 1 ? true : value === 0 ? false : value];
          if (type === "array" && typeof value === "string") return [name, JSON.parse(value)];
          return [name, typeof value === "bigint" ? Number(value) : value];
        }),
      );
    }
  } finally {
    select.finalize();
    db.close();
  }
}
