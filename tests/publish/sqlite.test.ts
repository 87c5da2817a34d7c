import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import initSqlJs, { type Database, type SqlValue } from "sql.js";
import { beforeAll, describe, expect, it } from "vitest";
import { tables } from "../../schemas/index.ts";
import { sha256Hex } from "../../pipeline/lib/hash.ts";
import { projectRoot } from "../../pipeline/lib/paths.ts";
import { describeColumns } from "../../pipeline/publish/describe-columns.ts";
import { sqliteFileName, toSqlite } from "../../pipeline/publish/to-sqlite.ts";
import { views } from "../../pipeline/publish/sqlite-views.ts";
import { inMemoryRows, tempDir } from "../helpers.ts";

type Row = Record<string, unknown>;

/** The committed release, read whole: its JSON files are the rows, its datapackage.json the release facts. */
const release = join(projectRoot, "dist", "v0.4.0");
const readJson = (name: string) => JSON.parse(readFileSync(join(release, name), "utf8"));
const pkg = readJson("datapackage.json");
const info = { name: pkg.name, title: pkg.title, version: pkg.version, released: pkg.created.slice(0, 10), licenses: pkg.licenses };
const data: Record<string, Row[]> = Object.fromEntries(tables.map((t) => [t.name, readJson(`${t.name}.json`)]));

/** A JSON value as the database stores it: booleans are 0/1. */
const stored = (v: unknown) => (typeof v === "boolean" ? Number(v) : v);
const rowsOf = (db: Database, sql: string): SqlValue[][] => db.exec(sql)[0]?.values ?? [];

let bytes: Uint8Array;
let again: Uint8Array;
let db: Database;

beforeAll(async () => {
  bytes = await toSqlite(info, tables, inMemoryRows(data));
  again = await toSqlite(info, tables, inMemoryRows(data));
  db = new (await initSqlJs()).Database(bytes);
  return () => db.close();
});

describe("the release as one SQLite file", () => {
  it("is named for the release and rebuilds byte for byte", () => {
    expect(sqliteFileName(info)).toBe("china-district-plans-0.4.0.sqlite");
    expect(bytes.length).toBeGreaterThan(0);
    expect(sha256Hex(again)).toBe(sha256Hex(bytes));
  });

  it("holds every table with the JSON's rows, in column order, with SQLite's types", () => {
    for (const def of tables) {
      const columns = describeColumns(def);
      const result = db.exec(`SELECT * FROM "${def.name}" ORDER BY rowid`)[0];
      expect(result?.columns ?? columns.map((c) => c.name), def.name).toEqual(columns.map((c) => c.name));
      const expected = data[def.name]!.map((row) => columns.map((c) => stored(row[c.name] ?? null)));
      expect(result?.values ?? [], def.name).toEqual(expected);
      for (const c of columns) {
        const types = rowsOf(db, `SELECT DISTINCT typeof("${c.name}") FROM "${def.name}"`).flat();
        const allowed = { string: ["text"], date: ["text"], integer: ["integer"], boolean: ["integer"], number: ["real"] }[c.type];
        for (const t of types) expect([...allowed, ...(c.nullable ? ["null"] : [])], `${def.name}.${c.name}`).toContain(t);
      }
    }
    expect(rowsOf(db, "SELECT count(*) FROM targets")[0]).toEqual([5703]);
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

  it("passes foreign_key_check and integrity_check, and enforces enums and booleans", () => {
    expect(rowsOf(db, "PRAGMA foreign_key_check")).toEqual([]);
    expect(rowsOf(db, "PRAGMA integrity_check")).toEqual([["ok"]]);
    expect(() => db.exec("UPDATE targets SET kind = 'wish' WHERE rowid = 1")).toThrow(/CHECK constraint failed/);
    expect(() => db.exec("UPDATE targets SET headline = 2 WHERE rowid = 1")).toThrow(/CHECK constraint failed/);
    expect(() => db.exec("UPDATE targets SET value = NULL WHERE rowid = 1")).toThrow(/NOT NULL constraint failed/);
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
    expect(db.exec("SELECT * FROM release_info")[0]?.values).toEqual([[info.name, info.title, "0.4.0", "2026-12-01", "CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"]]);
    expect(rowsOf(db, "SELECT count(*) FROM table_descriptions")[0]).toEqual([tables.length + views.length]);
    const described = rowsOf(db, "SELECT table_name, column_name, type, nullable, description, unit FROM column_descriptions ORDER BY rowid");
    expect(described).toEqual(tables.flatMap((d) => describeColumns(d).map((c) => [d.name, c.name, c.type, Number(c.nullable), c.description, c.unit ?? null])));
  });

  it("fails with a message naming the broken key or the bad value", async () => {
    const small = { ...data, themes: [], district_themes: [], officials: [], headline_targets: [], target_outcomes: [] };
    const stray = { ...data.targets![0]!, district_id: "999999" };
    await expect(toSqlite(info, tables, inMemoryRows({ ...small, targets: [stray] }))).rejects.toThrow(
      /foreign_key_check failed:\ntargets \(district_id\) → districts: no match for 1 row /,
    );
    const typo = { ...data.targets![0]!, year: "2024" };
    await expect(toSqlite(info, tables, inMemoryRows({ ...small, targets: [typo] }))).rejects.toThrow('targets row 1, column year: "2024" is not of type integer');
  });

  it.skipIf(spawnSync("python3", ["--version"]).error)("opens in Python's sqlite3: which places met their GDP growth target", async () => {
    const path = join(await tempDir("sqlite-"), sqliteFileName(info));
    await writeFile(path, bytes);
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
