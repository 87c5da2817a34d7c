import { readFileSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { Ajv } from "ajv";
import { tableFromIPC, type Table } from "apache-arrow";
import pl from "nodejs-polars";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { column, defineTable, isoDay, LIST_DELIMITER, listItem, listOf } from "../../schemas/column.ts";
import Papa from "papaparse";
import { tables } from "../../schemas/index.ts";
import { sha256Hex } from "../../pipeline/lib/hash.ts";
import { buildRelease } from "../../pipeline/publish/build-release.ts";
import { readDatasetInfo } from "../../pipeline/publish/dataset-info.ts";
import { describeColumns, type Column } from "../../pipeline/publish/describe-columns.ts";
import { expectEqual, inMemoryRows, releaseTables, sharedBuild, tempDir } from "../helpers.ts";

const info = readDatasetInfo();
type Row = Record<string, unknown>;

interface TableSchemaField {
  name: string;
  type: string;
  constraints: { required: boolean; enum?: string[] };
}
interface Resource {
  name: string;
  path: string;
  format: string;
  mediatype: string;
  encoding?: string;
  bytes: number;
  hash: string;
  schema: { fields: TableSchemaField[]; primaryKey: string[] };
}

/** What a reader should see for a column, by the schema: the contract every format keeps. */
const polarsType = (arrow: Table, c: Column): string => {
  const arrowType = String(arrow.schema.fields.find((f) => f.name === c.name)!.type);
  if (c.type === "list") return "List";
  if (c.type === "string") return c.categorical ? "Categorical" : "String";
  return { integer: arrowType === "Int32" ? "Int32" : "Int64", number: "Float64", boolean: "Bool", date: "Date" }[c.type];
};
const duckScalar = { string: "VARCHAR", number: "DOUBLE", boolean: "BOOLEAN", date: "DATE" } as const;
const duckType = (arrow: Table, c: Column): string =>
  c.type === "list"
    ? `${duckScalar[c.itemType as keyof typeof duckScalar]}[]`
    : c.type === "integer" ? (polarsType(arrow, c) === "Int32" ? "INTEGER" : "BIGINT") : duckScalar[c.type];
const DUCK_CSV_TYPES: Record<string, string> = { string: "VARCHAR", integer: "BIGINT", number: "DOUBLE", boolean: "BOOLEAN", date: "DATE" };

/** Values as JSON has them: readers hand back bigints for Int64 and strings for DuckDB's BIGINT in JSON mode. */
const plain = (value: unknown, c: Column): unknown => {
  if (value === null || value === undefined) return null;
  // Lists come back as arrays, Arrow vectors, or (from CSV) the items joined by the one delimiter.
  if (c.type === "list") return typeof value === "string" ? value.split(LIST_DELIMITER) : Array.from(value as Iterable<unknown>);
  return c.type === "integer" || c.type === "number" ? Number(value) : value;
};
const rowsOf = (rows: readonly Row[], columns: readonly Column[]) =>
  rows.map((r) => Object.fromEntries(columns.map((c) => [c.name, plain(r[c.name], c)])));

describe("a published release read by other people's readers", () => {
  let release: string;
  let duck: DuckDBConnection;
  const json = releaseTables(() => release);

  beforeAll(async () => {
    const dirs = await sharedBuild();
    release = join(dirs.dist, `v${info.version}`);
    duck = await (await DuckDBInstance.create(":memory:")).connect();
  });

  it("writes CSV, JSON, Arrow, Parquet and a JSON Schema per table, and the release documents", async () => {
    const files = await readdir(release);
    for (const def of tables) for (const ext of ["csv", "json", "arrow", "parquet", "schema.json"]) expect(files).toContain(`${def.name}.${ext}`);
    for (const doc of ["README.md", "CHANGES.md", "DATA_DICTIONARY.md", "datapackage.json", "SHA256SUMS"]) expect(files).toContain(doc);
    // Every entry is a file but the explorer's folder.
    for (const file of files) expect([file, (await stat(join(release, file))).isFile()]).toEqual([file, file !== "site"]);
  });

  it.each(tables.map((t) => t.name))("%s: apache-arrow and polars read the Arrow file with the schema's types and the JSON's rows", (name) => {
    const def = tables.find((t) => t.name === name)!;
    const columns = describeColumns(def);
    const expected = rowsOf(json(name), columns);
    const bytes = readFileSync(join(release, `${name}.arrow`));
    const arrow = tableFromIPC(bytes);
    expect(arrow.schema.fields.map((f) => [f.name, f.nullable, f.metadata.get("description")])).toEqual(
      columns.map((c) => [c.name, c.nullable, c.description]),
    );
    expect(arrow.schema.fields.map((f) => [f.metadata.get("primary_key") === "true", f.metadata.get("references")?.split("|") ?? []])).toEqual(
      columns.map((c) => [def.primaryKey.includes(c.name), def.foreignKeys.filter((fk) => fk.fields.includes(c.name)).map((fk) => `${fk.reference.resource}.${fk.reference.fields[fk.fields.indexOf(c.name)]}`)]),
    );
    for (const c of columns.filter((c) => c.categorical)) expect(String(arrow.schema.fields.find((f) => f.name === c.name)!.type)).toMatch(/^Dictionary</);
    expectEqual(rowsOf(arrow.toArray().map((r) => r.toJSON() as Row), columns), expected);

    const frame = pl.readIPC(bytes);
    expect(frame.columns).toEqual(columns.map((c) => c.name));
    expect(frame.dtypes.map((t) => String(t).replace(/^DataType\((\w+).*$/, "$1"))).toEqual(columns.map((c) => polarsType(arrow, c)));
    expectEqual(rowsOf(frame.toRecords() as Row[], columns), expected);
  });

  it.each(tables.map((t) => t.name))("%s: DuckDB reads the Parquet file with the schema's types and the JSON's rows", async (name) => {
    const def = tables.find((t) => t.name === name)!;
    const columns = describeColumns(def);
    const arrow = tableFromIPC(readFileSync(join(release, `${name}.arrow`)));
    const path = join(release, `${name}.parquet`);
    const described = (await duck.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${path}')`)).getRowObjectsJson();
    expect(described.map((d) => [d.column_name, d.column_type])).toEqual(columns.map((c) => [c.name, duckType(arrow, c)]));
    const read = await duck.runAndReadAll(`SELECT * FROM read_parquet('${path}')`);
    expectEqual(rowsOf(read.getRowObjectsJson() as Row[], columns), rowsOf(json(name), columns));
  });

  it.each(tables.map((t) => t.name))("%s: DuckDB reads the CSV with the datapackage types and gets the JSON's rows", async (name) => {
    const pkg = JSON.parse(await readFile(join(release, "datapackage.json"), "utf8")) as { resources: Resource[] };
    const fields = pkg.resources.find((r) => r.name === name && r.format === "csv")!.schema.fields;
    const types = fields.map((f) => `'${f.name}': '${DUCK_CSV_TYPES[f.type]}'`).join(", ");
    const read = await duck.runAndReadAll(
      `SELECT * FROM read_csv('${join(release, `${name}.csv`)}', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false, columns = {${types}})`,
    );
    const columns = describeColumns(tables.find((t) => t.name === name)!);
    expect(read.columnNames()).toEqual(columns.map((c) => c.name));
    expectEqual(rowsOf(read.getRowObjectsJson() as Row[], columns), rowsOf(json(name), columns));
  });

  it("datapackage.json validates against the Frictionless Data Package v2 profile", async () => {
    const profile = JSON.parse(await readFile(join(import.meta.dirname, "..", "fixtures", "frictionless-v2", "datapackage.json"), "utf8"));
    // The profiles use non-standard keywords (propertyOrder, context) and formats (textarea) ajv does not know.
    const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
    const validate = ajv.compile(profile);
    const pkg = JSON.parse(await readFile(join(release, "datapackage.json"), "utf8"));
    expect(validate(pkg) ? [] : validate.errors).toEqual([]);
    // Formats checked by hand, since formats are not validated above.
    expect(new Date(pkg.created).toISOString()).toBe(`${info.released}T00:00:00.000Z`);
    // The profile is a real check: a package without resources fails it.
    expect(validate({ ...pkg, resources: [] })).toBe(false);
  });

  it("datapackage.json describes each table in four formats with its Table Schema and keys (vega-datasets self-check)", async () => {
    const pkg = JSON.parse(await readFile(join(release, "datapackage.json"), "utf8")) as { version: string; resources: Resource[] };
    expect(pkg.version).toBe(info.version);
    expect(pkg.resources).toHaveLength(tables.length * 4 + 1);
    expect(pkg.resources.at(-1)).toMatchObject({ name: "database", format: "sqlite", mediatype: "application/vnd.sqlite3", path: `${info.name}-${info.version}.sqlite` });
    for (const resource of pkg.resources) {
      const bytes = await readFile(join(release, resource.path));
      expect([resource.path, bytes.length, `sha256:${sha256Hex(bytes)}`]).toEqual([resource.path, resource.bytes, resource.hash]);
      const def = tables.find((t) => resource.path.startsWith(`${t.name}.`));
      if (!def) continue;
      expect(resource.schema.primaryKey).toEqual(def.primaryKey);
      expect(resource.schema.fields.map((f) => [f.name, f.constraints.required])).toEqual(describeColumns(def).map((c) => [c.name, !c.nullable]));
    }
    expect(pkg.resources.find((r) => r.format === "parquet")!.mediatype).toBe("application/vnd.apache.parquet");
  });

  it.each(tables.map((t) => t.name))("%s: the published JSON Schema accepts the JSON file and rejects a value outside the schema", async (name) => {
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(JSON.parse(await readFile(join(release, `${name}.schema.json`), "utf8")));
    const rows = json(name);
    expect(validate(rows) ? [] : validate.errors).toEqual([]);
    expect(validate([{ ...rows[0], unexpected_column: 1 }])).toBe(false);
  });

  it("the dataset card says what is in the release, its limits and how to load it", async () => {
    const card = await readFile(join(release, "README.md"), "utf8");
    for (const def of tables) expect(card).toContain(`| \`${def.name}\` | ${json(def.name).length} |`);
    for (const limit of info.limits) expect(card).toContain(limit);
    for (const tool of ["pd.read_parquet", "pd.read_csv(", "pl.read_parquet", "read_csv(", "arrow::read_parquet", "read.csv(", "jsonlite::fromJSON", "sqlite3.connect"]) expect(card).toContain(tool);
    expect(card).toContain("## Extraction scores");
  });
});

describe("types beyond the current tables", () => {
  const events = defineTable({
    name: "events",
    title: "Events",
    description: "A table another engineer might add.",
    schema: z.object({
      event_id: column(z.number().int().min(0).max(1000), { description: "Id." }),
      day: column(isoDay().nullable(), { description: "Day of the event." }),
      big: column(z.number().int(), { description: "A count with no declared bound." }),
    }),
    primaryKey: ["event_id"],
    foreignKeys: [],
  });
  const rows = [
    { event_id: 1, day: "2024-03-01", big: 2 ** 40 },
    { event_id: 2, day: null, big: -3 },
  ];

  it("a table larger than one record batch and one Parquet row group reads back whole in every format", async () => {
    // 70,000 rows: several record batches and three row groups, a categorical column with nulls whose values
    // first appear late in the table, so every batch must share one table-wide dictionary.
    const kinds = ["a", "b", "c", "d"];
    const many = Array.from({ length: 70_000 }, (_, i) => ({
      event_id: i % 1000,
      day: i % 7 === 0 ? null : `2024-03-${String((i % 28) + 1).padStart(2, "0")}`,
      big: i * 2 ** 20,
      kind: i % 5 === 0 ? null : kinds[Math.min(3, Math.floor(i / 20_000))]!,
    }));
    const table = defineTable({
      ...events,
      schema: events.schema.extend({ kind: column(z.enum(kinds).nullable(), { description: "Kind.", categorical: true }) }),
      primaryKey: ["event_id", "big"],
    });
    const dir = await tempDir("many-");
    await buildRelease(dir, info, [table], inMemoryRows({ events: many }));
    const expected = many.map((r) => ({ ...r, big: BigInt(r.big), day: r.day === null ? null : Date.parse(`${r.day}T00:00:00Z`) }));
    const arrow = tableFromIPC(await readFile(join(dir, "events.arrow")));
    expect(arrow.batches.length).toBeGreaterThan(1);
    expectEqual(arrow.toArray().map((r) => r.toJSON()), expected);
    const frame = pl.readIPC(await readFile(join(dir, "events.arrow")));
    expectEqual(frame.getColumn("kind").toArray(), many.map((r) => r.kind));
    expectEqual(JSON.parse(await readFile(join(dir, "events.json"), "utf8")), many);
    const csv = (await readFile(join(dir, "events.csv"), "utf8")).split("\n");
    expect([csv.length, csv[0], csv[1], csv.at(-1)]).toEqual([many.length + 2, "event_id,day,big,kind", "0,,0,", ""]);

    const duck = await (await DuckDBInstance.create(":memory:")).connect();
    const path = join(dir, "events.parquet");
    const groups = await duck.runAndReadAll(`SELECT count(DISTINCT row_group_id) AS n FROM parquet_metadata('${path}')`);
    expect(Number(groups.getRowObjectsJson()[0]!.n)).toBeGreaterThan(1);
    const read = await duck.runAndReadAll(`SELECT event_id, CAST(day AS VARCHAR) AS day, big, kind FROM read_parquet('${path}')`);
    expectEqual(read.getRowObjectsJson().map((r) => ({ ...r, big: Number(r.big) })), many);
  });

  it("publishes a full date as a date in Arrow, Parquet and the Table Schema, and unbounded integers as Int64", async () => {
    const dir = await tempDir("events-");
    await buildRelease(dir, info, [events], inMemoryRows({ events: rows }));
    const arrow = tableFromIPC(await readFile(join(dir, "events.arrow")));
    expect(arrow.schema.fields.map((f) => String(f.type))).toEqual(["Int32", "Date32<DAY>", "Int64"]);
    expect(arrow.toArray().map((r) => r.toJSON())).toEqual([
      { event_id: 1, day: Date.UTC(2024, 2, 1), big: 2n ** 40n },
      { event_id: 2, day: null, big: -3n },
    ]);
    const pkg = JSON.parse(await readFile(join(dir, "datapackage.json"), "utf8"));
    expect(pkg.resources[0].schema.fields.map((f: TableSchemaField) => f.type)).toEqual(["integer", "date", "integer"]);
    expect(pkg.resources[0].schema.foreignKeys).toBeUndefined();

    const duck = await (await DuckDBInstance.create(":memory:")).connect();
    const path = join(dir, "events.parquet");
    const read = await duck.runAndReadAll(`SELECT event_id, CAST(day AS VARCHAR) AS day, big, typeof(day) AS t FROM read_parquet('${path}')`);
    expect(read.getRowObjectsJson()).toEqual([
      { event_id: 1, day: "2024-03-01", big: String(2 ** 40), t: "DATE" },
      { event_id: 2, day: null, big: "-3", t: "DATE" },
    ]);
  });
});

describe("text a spreadsheet would run", () => {
  it("CSV defuses cells that start a formula (OWASP); JSON, Arrow and Parquet keep the text exactly", async () => {
    const notes = defineTable({
      name: "notes",
      title: "Notes",
      description: "Cells a hostile source could write.",
      schema: z.object({
        id: column(z.number().int().min(0).max(10), { description: "Id." }),
        note: column(z.string().min(1), { description: "Text as written." }),
        amount: column(z.number(), { description: "A signed number." }),
        tags: column(listOf(listItem()).nullable(), { description: "Tags." }),
      }),
      primaryKey: ["id"],
      foreignKeys: [],
    });
    const rows = [
      { id: 1, note: "=HYPERLINK(\"http://x\",\"y\")", amount: -5, tags: ["=1+1", "安全"] },
      { id: 2, note: "+86 电话", amount: 1.5, tags: null },
      { id: 3, note: "-负数开头", amount: -0.25, tags: ["@SUM(A1)"] },
      { id: 4, note: "@cmd", amount: 0, tags: ["ok"] },
      { id: 5, note: "\t制表符", amount: 2, tags: ["ok"] },
      { id: 6, note: "新增学位1.9万个", amount: 19000, tags: ["ok"] },
    ];
    const dir = await tempDir("notes-");
    await buildRelease(dir, info, [notes], inMemoryRows({ notes: rows }));
    const csv = Papa.parse<string[]>(await readFile(join(dir, "notes.csv"), "utf8"), { skipEmptyLines: true }).data;
    expect(csv.slice(1)).toEqual([
      ["1", "'=HYPERLINK(\"http://x\",\"y\")", "-5", "'=1+1|安全"],
      ["2", "'+86 电话", "1.5", ""],
      ["3", "'-负数开头", "-0.25", "'@SUM(A1)"],
      ["4", "'@cmd", "0", "ok"],
      ["5", "'\t制表符", "2", "ok"],
      ["6", "新增学位1.9万个", "19000", "ok"],
    ]);
    expect(JSON.parse(await readFile(join(dir, "notes.json"), "utf8"))).toEqual(rows);
    const arrow = tableFromIPC(await readFile(join(dir, "notes.arrow")));
    expect(arrow.toArray().map((r) => r.toJSON().note)).toEqual(rows.map((r) => r.note));
    const duck = await (await DuckDBInstance.create(":memory:")).connect();
    const read = await duck.runAndReadAll(`SELECT note, tags FROM read_parquet('${join(dir, "notes.parquet")}') ORDER BY id`);
    expect(read.getRowObjectsJson()).toEqual(rows.map((r) => ({ note: r.note, tags: r.tags })));
  });
});
