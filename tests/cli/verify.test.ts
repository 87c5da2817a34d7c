import { spawnSync } from "node:child_process";
import { cp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import sqlite from "node-sqlite3-wasm";
import { describe, expect, it } from "vitest";
import { describeVerification } from "../../pipeline/commands/describe-verification.ts";
import { verifyRelease } from "../../pipeline/commands/verify-release.ts";
import { describeVersion } from "../../pipeline/describe-version.ts";
import { sha256Hex } from "../../pipeline/lib/hash.ts";
import { projectRoot } from "../../pipeline/lib/paths.ts";
import { listReleases } from "../../pipeline/publish/list-releases.ts";
import { readDatasetInfo } from "../../pipeline/publish/dataset-info.ts";
import { tempDir } from "../helpers.ts";

const dist = join(projectRoot, "dist");
const committed = (await readdir(dist)).filter((name) => /^v0\./.test(name)).sort();
/** The oldest schema, and the two newest releases: the one the next publish compares with, and the current one. */
const checked = [committed[0]!, ...committed.slice(-2)];

/** A copy of a committed release to tamper with: v0.1.0 unless asked (small, so each tampering costs little). */
async function copyOfRelease(version = "0.1.0"): Promise<string> {
  const dir = join(await tempDir("tampered-"), `v${version}`);
  await cp(join(dist, `v${version}`), dir, { recursive: true });
  return dir;
}

/** Rewrites a file and every checksum of it (SHA256SUMS, datapackage.json and the sum of that), so only the row checks can tell. */
async function rewriteWithChecksums(dir: string, name: string, text: string | Buffer): Promise<void> {
  const sums = async (file: string, content: string | Buffer) => {
    await writeFile(join(dir, file), content);
    const lines = (await readFile(join(dir, "SHA256SUMS"), "utf8")).trim().split("\n").map((l) => (l.endsWith(`  ${file}`) ? `${sha256Hex(content)}  ${file}` : l));
    await writeFile(join(dir, "SHA256SUMS"), lines.join("\n") + "\n");
  };
  await sums(name, text);
  const pkg = JSON.parse(await readFile(join(dir, "datapackage.json"), "utf8"));
  for (const r of pkg.resources) if (r.path === name) Object.assign(r, { bytes: Buffer.byteLength(text), hash: `sha256:${sha256Hex(text)}` });
  await sums("datapackage.json", JSON.stringify(pkg, null, 2) + "\n");
}

const targetsJson = async (dir: string) => JSON.parse(await readFile(join(dir, "targets.json"), "utf8")) as Array<Record<string, unknown>>;
const asJsonFile = (rows: unknown[]) => JSON.stringify(rows, null, 1) + "\n";
const lines = async (path: string) => describeVerification(await verifyRelease(path));

describe("verify", () => {
  it.each(checked)("passes on the committed %s, against its own datapackage.json", async (folder) => {
    const verification = await verifyRelease(join(dist, folder));
    expect(verification.problems).toEqual([]);
    expect(verification.version).toBe(folder.slice(1));
    // From v0.5.0 on, each table is in the release's SQLite file too.
    const formats = folder >= "v0.5.0" ? "csv,json,arrow,parquet,sqlite" : "csv,json,arrow,parquet";
    expect(verification.tables.every((t) => t.formats.join(",") === formats)).toBe(true);
    expect(describeVerification(verification)).toContain("verified");
  });

  it("passes on a committed archive, checked against its .sha256 file", async () => {
    const verification = await verifyRelease(join(dist, "china-district-plans-v0.1.0.tar.gz"));
    expect(verification.problems).toEqual([]);
    expect(verification.tables.find((t) => t.name === "targets")?.rows).toBe(32);
  });

  it("names the file and both checksums when one byte of a CSV changed", async () => {
    const dir = await copyOfRelease();
    const csv = await readFile(join(dir, "targets.csv"));
    csv[200] = csv[200] === 0x30 ? 0x31 : 0x30;
    await writeFile(join(dir, "targets.csv"), csv);
    const { problems } = await verifyRelease(dir);
    expect(problems.map((p) => `${p.file}: ${p.what}`)).toEqual(expect.arrayContaining(["targets.csv: sha256 (SHA256SUMS)", "targets.csv: sha256 (datapackage.json)"]));
    expect(problems.find((p) => p.what === "sha256 (SHA256SUMS)")).toMatchObject({ expected: expect.stringMatching(/^[0-9a-f]{64}$/), found: sha256Hex(csv) });
  });

  it("finds a row removed from a JSON file whose checksums were updated, by its count against the other formats", async () => {
    const dir = await copyOfRelease();
    const rows = await targetsJson(dir);
    await rewriteWithChecksums(dir, "targets.json", asJsonFile(rows.slice(1)));
    const { problems } = await verifyRelease(dir);
    expect(problems.some((p) => p.what.startsWith("sha256"))).toBe(false);
    for (const other of ["targets.csv", "targets.arrow", "targets.parquet"]) {
      expect(problems).toContainEqual({ file: other, what: "rows (as targets.json)", expected: "31", found: "32" });
    }
    expect(await lines(dir)).toContain("targets.csv: rows (as targets.json): expected 31, found 32");
  });

  it("finds a repeated primary key, a value outside its schema and a broken foreign key", async () => {
    const dir = await copyOfRelease();
    const [first, second, ...rest] = await targetsJson(dir);
    const wrong = [first, { ...first }, { ...second, year: 2200, kind: "wish", article_id: "ffffffffffffffff" }, ...rest];
    await rewriteWithChecksums(dir, "targets.json", asJsonFile(wrong));
    const what = (await verifyRelease(dir)).problems.filter((p) => p.file === "targets.json").map((p) => p.what);
    expect(what).toContainEqual(expect.stringMatching(new RegExp(`^row 2 \\(key ${first!["target_id"]}\\) target_id: duplicate-key: primary key repeats row 1`)));
    expect(what).toContainEqual(expect.stringMatching(/^row 3 .* year: value-range: /));
    expect(what).toContainEqual(expect.stringMatching(/^row 3 .* kind: enum: /));
    expect(what).toContainEqual(expect.stringMatching(/^row 3 .* article_id: foreign-key: no articles row with article_id = ffffffffffffffff/));
  });

  it("finds a value changed in the SQLite file and a CITATION.cff that cites another version, though their checksums were updated", async () => {
    const dir = await copyOfRelease("0.5.0");
    const path = join(dir, "china-district-plans-0.5.0.sqlite");
    const db = new sqlite.Database(path);
    db.run("UPDATE districts SET name = name || '改' WHERE rowid = 2");
    db.close();
    await rewriteWithChecksums(dir, "china-district-plans-0.5.0.sqlite", await readFile(path));
    const citation = await readFile(join(dir, "CITATION.cff"), "utf8");
    await rewriteWithChecksums(dir, "CITATION.cff", citation.replace('version: "0.5.0"', 'version: "0.4.0"'));
    const { problems } = await verifyRelease(dir);
    const [, second] = JSON.parse(await readFile(join(dir, "districts.json"), "utf8"));
    expect(problems).toEqual([
      { file: "CITATION.cff", what: "version", expected: "0.5.0", found: "0.4.0" },
      {
        file: "china-district-plans-0.5.0.sqlite (table districts)",
        what: `1 row(s) differ from districts.json, the first is row 2 (key ${second.district_id})`,
        expected: `name ${JSON.stringify(second.name)}`,
        found: `name ${JSON.stringify(`${second.name}改`)}`,
      },
    ]);
  });

  it("names a missing file", async () => {
    const dir = await copyOfRelease();
    await rm(join(dir, "themes.parquet"));
    const { problems } = await verifyRelease(dir);
    expect(problems).toEqual([{ file: "themes.parquet", what: "missing (listed in SHA256SUMS)" }]);
  });

  it("exits with 1 and lists the problems on a tampered copy", async () => {
    // A datapackage.json that lost its resources stops verify before the tables, so the process stays quick.
    const dir = await copyOfRelease();
    const { resources: _resources, ...pkg } = JSON.parse(await readFile(join(dir, "datapackage.json"), "utf8"));
    await writeFile(join(dir, "datapackage.json"), JSON.stringify(pkg));
    const run = spawnSync(process.execPath, ["--import", "tsx", join(projectRoot, "pipeline", "cli.ts"), "verify", dir], { cwd: projectRoot, encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stdout.split("\n")).toEqual([
      `${dir}: release FAILED with 2 problem(s):`,
      "  datapackage.json: resources: Invalid input: expected array, received undefined",
      expect.stringMatching(/^  datapackage\.json: sha256 \(SHA256SUMS\): expected [0-9a-f]{64}, found [0-9a-f]{64}$/),
      "",
    ]);
    expect(run.stderr).toBe("");
  });
});

describe("list and --version", () => {
  it("lists every release of releases.json with its archive and folder", async () => {
    const listing = await listReleases(dist);
    for (const folder of committed) expect(listing).toMatch(new RegExp(`^${folder.replaceAll(".", "\\.")} .* yes +${folder}/$`, "m"));
  });

  it("prints the dataset's name and version and the pipeline's", () => {
    const info = readDatasetInfo();
    expect(describeVersion()).toBe(`${info.name} ${info.version} (dataset, released ${info.released})\ndistrict-plans 0.1.0 (pipeline)\n`);
  });
});
