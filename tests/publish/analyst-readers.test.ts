import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { copyFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import pl from "nodejs-polars";
import { Table as FrictionlessTable } from "tableschema";
import { beforeAll, describe, expect, it } from "vitest";
import { LIST_DELIMITER } from "../../schemas/column.ts";
import { tables } from "../../schemas/index.ts";
import { readDatasetInfo } from "../../pipeline/publish/dataset-info.ts";
import { describeColumns, type Column } from "../../pipeline/publish/describe-columns.ts";
import { loadSnippets } from "../../pipeline/publish/load-snippets.ts";
import { FORMULA_START } from "../../pipeline/publish/to-csv.ts";
import { expectEqual, releaseTables, sharedBuild, tempDir } from "../helpers.ts";

/*
 * The release as analysts load it, with the snippets the data dictionary gives them: every value must come back
 * as the JSON file has it, codes as text, years as integers, lists as lists. Readers this machine lacks are
 * skipped by name (CI installs none of them but Node's).
 */
type Row = Record<string, unknown>;
const info = readDatasetInfo();
const has = (command: string, ...args: string[]) => spawnSync(command, args, { stdio: "ignore" }).status === 0;
/** The first Python that has the module (a pyenv shim may shadow the system's), or null; found, not imported (pandas takes 0.6 s). */
const pythonWith = (module: string) =>
  ["python3", "/usr/bin/python3"].find((python) => has(python, "-c", `import importlib.util, sys; sys.exit(importlib.util.find_spec("${module}") is None)`)) ?? null;
const pandas = pythonWith("pandas");
const rscript = has("Rscript", "-e", "library(jsonlite)");
const csvkit = pythonWith("csvkit.utilities.csvjson");
const here = import.meta.dirname;
const columnsOf = (name: string) => describeColumns(tables.find((t) => t.name === name)!);
const names = tables.map((t) => t.name);

/** A value as the JSON file holds it, with numbers as numbers (readers may hand back bigints or numeric text). */
const plain = (value: unknown, c: Column): unknown =>
  value === null || value === undefined ? null : c.type === "integer" || c.type === "number" ? Number(value) : value;
const rowsOf = (rows: readonly Row[], columns: readonly Column[]) =>
  rows.map((r) => Object.fromEntries(columns.map((c) => [c.name, plain(r[c.name], c)])));
/** The JSON's rows as the CSV holds them: text a spreadsheet would run carries the guard's leading '. */
const guarded = (rows: readonly Row[], columns: readonly Column[]) =>
  rows.map((r) => Object.fromEntries(columns.map((c) => {
    const v = r[c.name];
    return [c.name, typeof v === "string" && FORMULA_START.test(v) ? `'${v}` : Array.isArray(v) ? v.map((x) => (FORMULA_START.test(x) ? `'${x}` : x)) : v];
  })));

describe("the release loaded as analysts load it", () => {
  let release: string;
  const json = releaseTables(() => release);
  beforeAll(async () => {
    release = join((await sharedBuild()).dist, `v${info.version}`);
  });

  it.each(names)("%s: Frictionless (tableschema, the reference JS library) finds the CSV valid against its datapackage schema", async (name) => {
    const pkg = JSON.parse(await readFile(join(release, "datapackage.json"), "utf8")) as { resources: Array<{ path: string; schema: object }> };
    const schema = pkg.resources.find((r) => r.path === `${name}.csv`)!.schema;
    const table = await FrictionlessTable.load(join(release, `${name}.csv`), { schema });
    const errors: string[] = [];
    const rows = await table.read({ forceCast: true, cast: true });
    rows.forEach((row: unknown, i: number) => {
      if (row instanceof Error) errors.push(`row ${i + 2}: ${row.message} ${JSON.stringify((row as { errors?: Error[] }).errors?.map((e) => e.message))}`);
    });
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(json(name).length);
  });

  it("Frictionless rejects a CSV that breaks its schema: a district code that is not one", async () => {
    const dir = await tempDir("frictionless-");
    const pkg = JSON.parse(await readFile(join(release, "datapackage.json"), "utf8")) as { resources: Array<{ path: string; schema: object }> };
    const csv = (await readFile(join(release, "districts.csv"), "utf8")).split("\n");
    const [header, first] = [csv[0]!.split(","), csv[1]!];
    const cells = first.split(",");
    cells[header.indexOf("district_id")] = "44130";
    writeFileSync(join(dir, "districts.csv"), [csv[0], cells.join(","), ""].join("\n"));
    const table = await FrictionlessTable.load(join(dir, "districts.csv"), { schema: pkg.resources.find((r) => r.path === "districts.csv")!.schema });
    const [row] = await table.read({ forceCast: true, cast: true });
    expect(row).toBeInstanceOf(Error);
  });

  it.each(names)("%s: nodejs-polars reads the Parquet file by its path with the JSON's rows", (name) => {
    const columns = columnsOf(name);
    const frame = pl.readParquet(join(release, `${name}.parquet`));
    expect(frame.columns).toEqual(columns.map((c) => c.name));
    for (const c of columns.filter((c) => c.type === "string" || c.type === "list")) expect(String(frame.getColumn(c.name).dtype)).not.toMatch(/Int|Float/);
    const lists = (r: Row) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v && typeof v === "object" && !(v instanceof Date) ? Array.from(v as Iterable<unknown>) : v]));
    const dates = (r: Row) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString().slice(0, 10) : v]));
    expectEqual(rowsOf(frame.toRecords().map((r) => dates(lists(r as Row))), columns), rowsOf(json(name), columns));
  });

  describe.skipIf(!pandas)("pandas with the dictionary's dtypes", () => {
    let held: Record<string, Record<"csv" | "json", { dtypes: Record<string, string>; rows: Row[] }>>;
    beforeAll(() => {
      const snippets = Object.fromEntries(names.map((name) => {
        const s = loadSnippets(name, columnsOf(name));
        return [name, { csv: s.pandas, json: s.pandasJson }];
      }));
      held = JSON.parse(execFileSync(pandas!, [join(here, "analysts", "read_pandas.py")], { cwd: release, input: JSON.stringify(snippets), maxBuffer: 1 << 28 }).toString());
    });
    const pandasType = (c: Column, via: "csv" | "json") =>
      ({ string: "string", list: "object", integer: "Int64", number: "float64", boolean: "boolean", date: via === "csv" ? "datetime64[ns]" : "string" })[c.type];

    it.each(names)("%s: read_csv and read_json give the schema's types and the JSON's rows", (name) => {
      const columns = columnsOf(name);
      for (const via of ["csv", "json"] as const) {
        expect(held[name]![via].dtypes, via).toEqual(Object.fromEntries(columns.map((c) => [c.name, pandasType(c, via)])));
        const expected = via === "csv" ? guarded(json(name), columns) : json(name);
        expectEqual(rowsOf(held[name]![via].rows, columns), rowsOf(expected, columns), via);
      }
    });
  });

  describe.skipIf(!rscript)("R: read.csv with the dictionary's colClasses, and jsonlite", () => {
    let held: Record<string, Record<"csv" | "json", { classes: Record<string, string | string[]>; rows: Row[] }>>;
    beforeAll(async () => {
      const dir = await tempDir("r-readers-");
      const snippets = join(dir, "snippets.json");
      writeFileSync(snippets, JSON.stringify(Object.fromEntries(names.map((name) => [name, loadSnippets(name, columnsOf(name)).r]))));
      await copyFile(join(here, "analysts", "read_r.R"), join(dir, "read_r.R"));
      held = JSON.parse(execFileSync("Rscript", [join(dir, "read_r.R"), snippets], { cwd: release, maxBuffer: 1 << 28 }).toString());
    });

    it.each(names)("%s: codes are character, counts numbers, lists lists, and every value is the JSON's", (name) => {
      const columns = columnsOf(name);
      for (const via of ["csv", "json"] as const) {
        const classes = held[name]![via].classes;
        for (const c of columns) {
          const expected = { string: ["character"], date: via === "csv" ? ["Date"] : ["character"], list: ["list"], integer: ["integer", "numeric"], number: ["numeric", "integer"], boolean: ["logical"] }[c.type];
          // jsonlite has no type for a column that is null in every row.
          if (via === "json" && json(name).every((r) => r[c.name] === null)) continue;
          expect(expected, `${via} ${c.name}`).toContain([classes[c.name]].flat()[0]);
        }
        const expected = via === "csv" ? guarded(json(name), columns) : json(name);
        expectEqual(rowsOf(held[name]![via].rows, columns), rowsOf(expected, columns), via);
      }
    });
  });

  describe.skipIf(!csvkit)("csvkit", () => {
    let held: Record<string, Row[]>;
    beforeAll(() => {
      const files = names.map((name) => `${name}.csv`);
      held = JSON.parse(execFileSync(csvkit!, [join(here, "analysts", "read_csvkit.py"), ...files], { cwd: release, maxBuffer: 1 << 28 }).toString());
    });

    it.each(names)("%s: without type inference (csvjson -I) it reads every cell as the JSON's value written as text", (name) => {
      const columns = columnsOf(name);
      const read = held[`${name}.csv`]!;
      const asText = (v: unknown) => (v === null ? null : Array.isArray(v) ? v.join(LIST_DELIMITER) : String(v));
      expectEqual(
        read.map((r) => Object.fromEntries(columns.map((c) => [c.name, r[c.name] ?? null]))),
        guarded(json(name), columns).map((r) => Object.fromEntries(columns.map((c) => [c.name, asText(r[c.name])]))),
      );
    });
  });
});
