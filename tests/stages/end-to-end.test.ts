import { filesUnder } from "../../pipeline/lib/files.ts";
import { copyFile, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { tableFromIPC, Vector } from "apache-arrow";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { LIST_DELIMITER } from "../../schemas/column.ts";
import { tables } from "../../schemas/index.ts";
import { defaultDirs, type Dirs } from "../../pipeline/lib/paths.ts";
import { readDatasetInfo } from "../../pipeline/publish/dataset-info.ts";
import { runStages } from "../../pipeline/stages/run-stages.ts";
import { sha256Hex } from "../../pipeline/lib/hash.ts";
import { copyOfSharedBuild, devFiles, expectEqual, runPipeline, sharedBuild, snapshot, tempDir } from "../helpers.ts";

const { version } = readDatasetInfo();

describe("the whole pipeline on the five articles", () => {
  let dirs: Dirs;
  let release: string;
  beforeAll(async () => {
    dirs = await sharedBuild();
    release = join(dirs.dist, `v${version}`);
  });

  it("writes every table in three formats plus the metadata files", async () => {
    const files = await readdir(release);
    for (const def of tables) for (const ext of ["csv", "json", "arrow", "parquet", "schema.json"]) expect(files).toContain(`${def.name}.${ext}`);
    for (const meta of ["DATA_DICTIONARY.md", "datapackage.json", "SHA256SUMS", "README.md", "CHANGES.md"]) expect(files).toContain(meta);
    const index = JSON.parse(await readFile(join(dirs.dist, "releases.json"), "utf8"));
    expect(index.at(-1)).toMatchObject({ version, archive: { path: `${readDatasetInfo().name}-v${version}.tar.gz` } });
  });

  it.each(tables.map((t) => t.name))("%s: CSV, JSON and Arrow hold the same rows and columns", async (name) => {
    const json = JSON.parse(await readFile(join(release, `${name}.json`), "utf8")) as Record<string, unknown>[];
    const csv = Papa.parse<string[]>(await readFile(join(release, `${name}.csv`), "utf8"), { skipEmptyLines: true }).data;
    const arrow = tableFromIPC(await readFile(join(release, `${name}.arrow`)));
    const columns = Object.keys(tables.find((t) => t.name === name)!.schema.shape);
    expect(csv[0]).toEqual(columns);
    expect(csv.length - 1).toBe(json.length);
    expect(arrow.numRows).toBe(json.length);
    expect(arrow.schema.fields.map((f) => f.name)).toEqual(columns);
    for (const field of arrow.schema.fields) expect(field.metadata.get("description")).toBeTruthy();
    const plain = (value: unknown) => (value === null ? null : typeof value === "bigint" ? Number(value) : value instanceof Vector ? Array.from(value.toArray() as ArrayLike<unknown>) : value);
    expectEqual(arrow.toArray().map((row) => Object.fromEntries(columns.map((c) => [c, plain(row[c])]))), json);
    // The CSV cell is the JSON value as text: null empty, a list's items joined by the one delimiter.
    const text = (value: unknown) => (value === null ? "" : Array.isArray(value) ? value.join(LIST_DELIMITER) : String(value));
    expectEqual(csv.slice(1), json.map((row) => columns.map((c) => text(row[c]))));
  });

  it("lists every file in SHA256SUMS with its real hash", async () => {
    const sums = (await readFile(join(release, "SHA256SUMS"), "utf8")).trim().split("\n");
    const files = (await filesUnder(release)).filter((f) => f !== "SHA256SUMS");
    expect(sums.map((l) => l.split("  ")[1]).sort()).toEqual(files.sort());
    for (const line of sums) {
      const [hash, name] = line.split("  ") as [string, string];
      expect(sha256Hex(await readFile(join(release, name)))).toBe(hash);
    }
  });

  it("re-publishing into the same dist is a no-op, not an error", async () => {
    const copy = await copyOfSharedBuild({ withDist: true });
    const before = await snapshot(copy.dist);
    await runStages("publish", { dirs: copy, jobs: 1, log: () => {} });
    expect(await snapshot(copy.dist)).toEqual(before);
  });

  it("runs on another folder with one article and writes only there", async () => {
    const raw = await tempDir("one-");
    const name = devFiles[2]!;
    await copyFile(join(defaultDirs.raw, name), join(raw, name));
    const one = await runPipeline("all", raw);
    const articles = JSON.parse(await readFile(join(one.dist, `v${version}`, "articles.json"), "utf8"));
    expect(articles.map((a: { source_file: string }) => a.source_file)).toEqual([name]);
  });
});
