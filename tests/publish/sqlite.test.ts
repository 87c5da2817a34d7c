import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import sqlite from "node-sqlite3-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import { tables } from "../../schemas/index.ts";
import { sha256Hex } from "../../pipeline/lib/hash.ts";
import { describeColumns } from "../../pipeline/publish/describe-columns.ts";
import { openToRead, READ_WAIT_MS, sqliteFileName, sqliteRows, toSqlite } from "../../pipeline/publish/to-sqlite.ts";
import { views } from "../../pipeline/publish/sqlite-views.ts";
import { readDatasetInfo } from "../../pipeline/publish/dataset-info.ts";
import type { TableSchema } from "../../schemas/datapackage.ts";
import { inMemoryRows, sharedBuild, tempDir } from "../helpers.ts";

type Row = Record<string, unknown>;

const info = readDatasetInfo();
let data: Record<string, Row[]>;

/** A JSON value as the database stores it: booleans are 0/1, lists JSON arrays. */
const stored = (v: unknown) => (typeof v === "boolean" ? Number(v) : Array.isArray(v) ? JSON.stringify(v) : v);
type Database = InstanceType<typeof sqlite.Database>;
type SqlValue = unknown;
const rowsOf = (db: Database, sql: string): SqlValue[][] => db.all(sql).map((row) => Object.values(row));

let path: string;
let db: Database;

beforeAll(async () => {
  // The shared build's release: its JSON files are the rows, its SQLite file the database under test.
  const release = join((await sharedBuild()).dist, `v${info.version}`);
  data = Object.fromEntries(tables.map((t) => [t.name, JSON.parse(readFileSync(join(release, `${t.name}.json`), "utf8"))]));
  path = join(release, sqliteFileName(info));
  db = openToRead(path);
  return () => db.close();
});

describe("the release as one SQLite file", () => {
  it("is read while another process reads it (the driver locks a file even for a read)", async () => {
    // The other reader holds its lock for a second, in a transaction, and says so once it has it. Like openToRead it
    // waits for a lock that a reader in the other test thread holds on the same release: without that it was refused
    // ("database is locked") in one of four suite runs on 2026-12-03, and this test waited 60 s for its line.
    const hold = `import sqlite from "node-sqlite3-wasm";
      const db = new sqlite.Database(process.argv[1], { readOnly: true });
      db.exec("PRAGMA busy_timeout = ${READ_WAIT_MS}");
      db.exec("BEGIN"); db.all("SELECT count(*) FROM targets"); console.log("reading");
      const end = Date.now() + 1000; while (Date.now() < end);
      db.exec("COMMIT"); db.close();`;
    const other = spawn(process.execPath, ["--input-type=module", "-e", hold, path], { stdio: ["ignore", "pipe", "inherit"] });
    const exited = new Promise((done) => other.on("close", done));
    // A reader that fails ends without its line: the test fails then, with the reader's error on stderr.
    const reading = new Promise((done) => other.stdout.once("data", done));
    await Promise.race([reading, exited.then((code) => Promise.reject(new Error(`the other reader exited (code ${code}) before it read`)))]);
    const pkg = JSON.parse(readFileSync(join(path, "..", "datapackage.json"), "utf8")) as { resources: Array<{ path: string; schema: TableSchema }> };
    const rows: Row[] = [];
    for await (const row of sqliteRows(path, "districts", pkg.resources.find((r) => r.path === "districts.csv")!.schema)) rows.push(row);
    expect(rows).toEqual(data.districts);
    expect(await exited).toBe(0);
  });

  it("is named for the release and rebuilds byte for byte", async () => {
    expect(sqliteFileName(info)).toBe(`china-district-plans-${info.version}.sqlite`);
    const again = join(await tempDir("sqlite-"), "again.sqlite");
    await toSqlite(again, info, tables, inMemoryRows(data));
    expect(sha256Hex(readFileSync(again))).toBe(sha256Hex(readFileSync(path)));
  });

  it("holds every table with the JSON's rows, in column order, with SQLite's types", () => {
    for (const def of tables) {
      const columns = describeColumns(def);
      const result = db.all(`SELECT * FROM "${def.name}" ORDER BY rowid`);
      if (result.length > 0) expect(Object.keys(result[0]!), def.name).toEqual(columns.map((c) => c.name));
      const expected = data[def.name]!.map((row) => columns.map((c) => stored(row[c.name] ?? null)));
      expect(result.map((row) => Object.values(row)), def.name).toEqual(expected);
      for (const c of columns) {
        const types = rowsOf(db, `SELECT DISTINCT typeof("${c.name}") FROM "${def.name}"`).flat();
        const allowed = { string: ["text"], date: ["text"], list: ["text"], integer: ["integer"], boolean: ["integer"], number: ["real"] }[c.type];
        for (const t of types) expect([...allowed, ...(c.nullable ? ["null"] : [])], `${def.name}.${c.name}`).toContain(t);
      }
    }
    expect(rowsOf(db, "SELECT count(*) FROM targets")[0]).toEqual([data.targets!.length]);
  });

  it("declares NOT NULL, the primary key, every foreign key and an index for each", () => {
    for (const def of tables) {
      const columns = describeColumns(def);
      const info = rowsOf(db, `SELECT name, "notnull", pk FROM pragma_table_info('${def.name}') ORDER BY cid`);
      expect(info.map(([name]) => name)).toEqual(columns.map((c) => c.name));
      expect(info.map(([, notnull]) => notnull), def.name).toEqual(columns.map((c) => (c.nullable ? 0 : 1)));
      expect(info.filter(([, , pk]) => Number(pk) > 0).sort((a, b) => Number(a[2]) - Number(b[2])).map(([name]) => name)).toEqual(def.primaryKey);
      const fks = rowsOf(db, `SELECT id, "table", "from", "to" FROM pragma_foreign_key_list('${def.name}') ORDER BY id, seq`);
      const ids = [...new Set(fks.map(([id]) => id))];
      const declared = ids.map((id) => {
        const cols = fks.filter((fk) => fk[0] === id);
        return { fields: cols.map((c) => c[2]), reference: { resource: cols[0]![1], fields: cols.map((c) => c[3]) } };
      });
      expect(declared, def.name).toEqual(expect.arrayContaining(def.foreignKeys));
      expect(declared).toHaveLength(def.foreignKeys.length);
      const indexes = rowsOf(db, `SELECT name FROM pragma_index_list('${def.name}')`).map(([name]) =>
        rowsOf(db, `SELECT name FROM pragma_index_info('${name}') ORDER BY seqno`).flat(),
      );
      for (const fk of def.foreignKeys) {
        const served = indexes.some((index) => fk.fields.every((f) => index.slice(0, fk.fields.length).includes(f)));
        expect(served, `${def.name} (${fk.fields.join(", ")})`).toBe(true);
      }
    }
  });

  it("passes foreign_key_check and integrity_check, and enforces enums, booleans and lists", async () => {
    expect(rowsOf(db, "PRAGMA foreign_key_check")).toEqual([]);
    expect(rowsOf(db, "PRAGMA integrity_check")).toEqual([["ok"]]);
    const copy = join(await tempDir("sqlite-"), "copy.sqlite");
    await copyFile(path, copy);
    const writable = new sqlite.Database(copy);
    try {
      expect(() => writable.exec("UPDATE targets SET kind = 'wish' WHERE rowid = 1")).toThrow(/CHECK constraint failed/);
      expect(() => writable.exec("UPDATE targets SET headline = 2 WHERE rowid = 1")).toThrow(/CHECK constraint failed/);
      expect(() => writable.exec("UPDATE targets SET value = NULL WHERE rowid = 1")).toThrow(/NOT NULL constraint failed/);
      expect(() => writable.exec("UPDATE themes SET top_terms = 'a|b' WHERE rowid = 1")).toThrow(/CHECK constraint failed/);
      // A list is a JSON array that json_each() reads back item by item.
      const terms = rowsOf(writable, "SELECT value FROM themes, json_each(themes.top_terms) WHERE themes.rowid = 1").flat();
      expect(terms).toEqual(data.themes![0]!.top_terms);
    } finally {
      writable.close();
    }
  });

  it("has views that join names, labels and evidence without losing a row", () => {
    const counts = Object.fromEntries(views.map((v) => [v.name, rowsOf(db, `SELECT count(*) FROM ${v.name}`)[0]![0]]));
    expect(counts).toEqual({
      headline_targets_named: data.headline_targets!.length,
      targets_with_evidence: data.targets!.length,
      outcomes_named: data.target_outcomes!.length,
    });
    const target = data.targets![0]!;
    const article = data.articles!.find((a) => a.article_id === target.article_id)!;
    expect(rowsOf(db, `SELECT source_file, report_year, sentence, char_start, raw_char_end FROM targets_with_evidence WHERE target_id = '${target.target_id}'`)).toEqual([
      [article.source_file, article.report_year, target.sentence, target.char_start, target.raw_char_end],
    ]);
  });

  it("describes the release, its tables and every column", () => {
    expect(rowsOf(db, "SELECT * FROM release_info")).toEqual([[info.name, info.title, info.version, info.released, "CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"]]);
    expect(rowsOf(db, "SELECT count(*) FROM table_descriptions")[0]).toEqual([tables.length + views.length]);
    const described = rowsOf(db, "SELECT table_name, column_name, type, nullable, description, unit FROM column_descriptions ORDER BY rowid");
    expect(described).toEqual(tables.flatMap((d) => describeColumns(d).map((c) => [d.name, c.name, c.type, Number(c.nullable), c.description, c.unit ?? null])));
  });

  it("fails with a message naming the broken key or the bad value", async () => {
    const small = { ...data, themes: [], district_themes: [], officials: [], headline_targets: [], target_outcomes: [] };
    const stray = { ...data.targets![0]!, district_id: "999999" };
    const out = join(await tempDir("sqlite-"), "bad.sqlite");
    await expect(toSqlite(out, info, tables, inMemoryRows({ ...small, targets: [stray] }))).rejects.toThrow(
      /foreign_key_check failed:\ntargets \(district_id\) → districts: no match for 1 row /,
    );
    const typo = { ...data.targets![0]!, year: "2024" };
    await expect(toSqlite(out, info, tables, inMemoryRows({ ...small, targets: [typo] }))).rejects.toThrow('targets row 1, column year: "2024" is not of type integer');
    // A failed build leaves no file behind.
    expect(existsSync(out)).toBe(false);
  });

  it.skipIf(spawnSync("python3", ["--version"]).error)("opens in Python's sqlite3: which places met their GDP growth target", async () => {
    const script = `
import json, sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = db.execute("""
  SELECT d.name, o.year, o.target_value, o.comparator, o.outcome_value, o.met, o.gap
  FROM target_outcomes o JOIN districts d USING (district_id)
  WHERE o.indicator = 'gdp' AND o.unit = 'percent' ORDER BY d.name, o.year""").fetchall()
print(json.dumps({"rows": rows, "integrity": db.execute("PRAGMA integrity_check").fetchall()}))`;
    const run = spawnSync("python3", ["-c", script, path], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    const names = new Map(data.districts!.map((d) => [d.district_id, d.name as string]));
    const expected = data
      .target_outcomes!.filter((o) => o.indicator === "gdp" && o.unit === "percent")
      .map((o) => [names.get(o.district_id as string), o.year, o.target_value, o.comparator, o.outcome_value, stored(o.met), o.gap])
      .sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : Number(a[1]) - Number(b[1])));
    expect(JSON.parse(run.stdout)).toEqual({ rows: expected, integrity: [["ok"]] });
    expect(expected).toHaveLength(9);
  });
});
