import { spawn } from "node:child_process";
import { watch } from "node:fs";
import { appendFile, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { extract } from "tar";
import { beforeAll, describe, expect, it } from "vitest";
import { tables } from "../../schemas/index.ts";
import type { NormalizedEntry } from "../../schemas/normalized-article.ts";
import { readJsonlAll } from "../../pipeline/lib/files.ts";
import { sha256Hex } from "../../pipeline/lib/hash.ts";
import { buildPaths, projectRoot, type BuildPaths, type Dirs } from "../../pipeline/lib/paths.ts";
import { buildRelease } from "../../pipeline/publish/build-release.ts";
import { readDatasetInfo } from "../../pipeline/publish/dataset-info.ts";
import { sqliteFileName, toSqlite } from "../../pipeline/publish/to-sqlite.ts";
import { writeRelease } from "../../pipeline/publish/write-release.ts";
import { ingestFile } from "../../pipeline/stages/ingest-file.ts";
import { buildSite } from "../../pipeline/site/build-site.ts";
import { runStages } from "../../pipeline/stages/run-stages.ts";
import { canMountTmpfs, copyOfSharedBuild, inMemoryRows, publishRows, releaseRows, sharedBuild, smallBuild, smallDisk, snapshot, tempDir, type Tables } from "../helpers.ts";

const info = readDatasetInfo();
const archive = (version: string) => `${info.name}-v${version}.tar.gz`;
const quiet = () => {};

/** Runs the command line in a child process; resolves with its exit code and what it printed. */
function cli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "pipeline/cli.ts", ...args], { cwd: projectRoot, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stderr })));
}

/** The release folder holds exactly the files its SHA256SUMS lists, with those hashes. */
async function expectWhole(folder: string): Promise<void> {
  const files = await snapshot(folder);
  const sums = (await readFile(join(folder, "SHA256SUMS"), "utf8")).trim().split("\n").map((line) => line.split("  ").reverse());
  delete files["SHA256SUMS"];
  expect(Object.fromEntries(sums)).toEqual(files);
}

const indexOf = async (dist: string) => JSON.parse(await readFile(join(dist, "releases.json"), "utf8")) as Array<{ version: string }>;

describe("publishing is safe", () => {
  let small: Dirs;
  let rows: Tables;
  beforeAll(async () => {
    small = await smallBuild();
    rows = await releaseRows(await sharedBuild());
  });

  describe("runs at once", () => {
    it("two publishes into one dist (one in another process), from two copies of a build, leave one whole release", async () => {
      const copies: Dirs[] = [];
      for (let i = 0; i < 2; i++) {
        const copy = await copyOfSharedBuild({ of: small });
        // Without its record the stage cannot call itself current: both runs really publish.
        await rm(join(copy.build, "publish"), { recursive: true });
        copies.push(copy);
      }
      const dist = await tempDir("shared-dist-");
      // This process publishes the second copy: one child is enough to cross processes, and costs half of two.
      const here = async (dirs: Dirs) => {
        const logs: string[] = [];
        const code = await runStages("publish", { dirs: { ...dirs, dist }, log: (m) => logs.push(m) }).then(() => 0, (error: Error) => (logs.push(error.message), 1));
        return { code, stderr: logs.join("\n") };
      };
      const child = cli(["publish", "--build", copies[0]!.build, "--out", dist]);
      // The second starts once the first has begun to write dist, so the two overlap.
      await new Promise<void>((resolve) => {
        const watcher = watch(dist, () => (watcher.close(), resolve()));
        void child.then(() => (watcher.close(), resolve()));
      });
      const runs = await Promise.all([child, here(copies[1]!)]);
      expect(runs.map((r) => r.code), runs.map((r) => r.stderr).join("\n")).toEqual([0, 0]);
      expect(runs.filter((r) => / is locked by pid \d+ /.test(r.stderr))).toHaveLength(1);
      expect(runs.map((r) => r.stderr.match(/^publish: v\S+ (written to|unchanged in)/m)?.[1]).sort()).toEqual(["unchanged in", "written to"]);
      expect((await readdir(dist)).sort()).toEqual([archive(info.version), `${archive(info.version)}.sha256`, "releases.json", `v${info.version}`]);
      // Byte for byte the release the small build published alone, and its archive holds the same files.
      expect(await snapshot(dist)).toEqual(await snapshot(small.dist));
      await expectWhole(join(dist, `v${info.version}`));
      const unpacked = await tempDir("unpacked-");
      await extract({ file: join(dist, archive(info.version)), cwd: unpacked });
      expect(await snapshot(unpacked)).toEqual(await snapshot(join(dist, `v${info.version}`)).then((s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [`v${info.version}/${k}`, v]))));
    });

    it("two runs on one build take turns: the second waits, says for whom, then finds the stage done", async () => {
      const copy = await copyOfSharedBuild({ of: small });
      await rm(buildPaths(copy).stageRecord("validate"));
      const logs: string[][] = [[], []];
      await Promise.all(logs.map((log) => runStages("validate", { dirs: copy, jobs: 1, log: (m) => log.push(m) })));
      const waited = logs.find((log) => log.some((m) => m.startsWith(`${copy.build} is locked by pid ${process.pid} `)));
      expect(waited, JSON.stringify(logs)).toBeDefined();
      expect(waited).toContain("validate: unchanged since its last run (same inputs, code and configuration)");
    });
  });

  it("a run on a build first removes the temporary files a killed run left beside its manifests and tables", async () => {
    const copy = await copyOfSharedBuild({ of: small });
    const paths = buildPaths(copy);
    const left = [`${paths.extractTable("targets")}.4242.tmp`, `${paths.stageRecord("ingest")}.4242.tmp`];
    for (const path of left) await writeFile(path, "half of a table");
    const before = await snapshot(copy.build);
    await runStages("validate", { dirs: copy, jobs: 1, log: quiet });
    const after = await snapshot(copy.build);
    for (const path of left) delete before[path.slice(copy.build.length + 1)];
    expect(after).toEqual(before);
  });

  describe("one transaction", () => {
    it.skipIf(!canMountTmpfs())("a disk that fills at any step leaves dist as it was and names the file; a rerun with room publishes", async () => {
      const bytes = 64 << 20;
      const disk = await smallDisk({ bytes, inodes: 10_000 });
      const dist = join(disk.dir, "dist");
      await publishRows(dist, { ...info, version: "0.0.1" }, rows);
      const before = await snapshot(dist);
      const files = (await readdir(join(dist, "v0.0.1"))).length;
      const used = await disk.inodesUsed();
      const next = { ...info, version: "99.0.0" };
      // A publish takes one inode each for the lock (which it has by then), the staging folder, the release folder,
      // every release file (the SQLite file after the tables' and its lock folder), the archive, its checksum and
      // releases.json: each limit runs out at another of them.
      const database = sqliteFileName(next).replaceAll(".", "\\.");
      const fills = { 1: "\\.publish\\.lock", 3: "v99\\.0\\.0/articles\\.csv", 20: "v99\\.0\\.0/\\S+", [files - 4]: database, [files - 3]: database, [files + 3]: `${archive("99.0.0")}`, [files + 4]: `${archive("99.0.0")}\\.sha256`, [files + 5]: "releases\\.json" };
      for (const [spare, file] of Object.entries(fills)) {
        disk.resize({ bytes, inodes: used + Number(spare) });
        await expect(publishRows(dist, next, rows), `${spare} inodes spare`).rejects.toThrow(new RegExp(`^the disk holding ${dist}\\S* is full \\(ENOSPC while \\w+ ${dist}/\\S*${file}\\S*\\)`));
        expect(await snapshot(dist)).toEqual(before);
      }
      disk.resize({ bytes, inodes: 10_000 });
      await publishRows(dist, next, rows);
      expect((await indexOf(dist)).map((e) => e.version)).toEqual(["0.0.1", "99.0.0"]);
      await expectWhole(join(dist, "v99.0.0"));
      expect((await readdir(dist)).filter((n) => n.startsWith("."))).toEqual([]);
    });

    it.skipIf(!canMountTmpfs())("SQLite's 'disk I/O error' on a full disk is that disk's, with the database's path, and leaves no file", async () => {
      const disk = await smallDisk({ bytes: 64 << 10, inodes: 1000 });
      const path = join(disk.dir, sqliteFileName(info));
      await expect(toSqlite(path, info, tables, inMemoryRows(rows))).rejects.toThrow(`the disk holding ${disk.dir} is full (ENOSPC while writing ${path}): free space there`);
      expect(await readdir(disk.dir)).toEqual([]);
    });

    it.skipIf(!canMountTmpfs())("a full disk while the explorer is written names that disk and the file", async () => {
      const disk = await smallDisk({ bytes: 64 << 10, inodes: 1000 });
      const release = join((await sharedBuild()).dist, `v${info.version}`);
      await expect(buildSite(release, join(disk.dir, "site"))).rejects.toThrow(new RegExp(`^the disk holding ${disk.dir}/site\\.partial\\S* is full \\(ENOSPC while writing ${disk.dir}/site\\.partial/\\S+\\)`));
    });

    it.skipIf(!canMountTmpfs())("refuses before writing when the disk has less room than the release needs, naming the folder and the numbers", async () => {
      const disk = await smallDisk({ bytes: 512 << 10, inodes: 1000 });
      const dirs = { ...(await copyOfSharedBuild({ of: small })), dist: join(disk.dir, "dist") };
      await expect(runStages("publish", { dirs, log: quiet })).rejects.toThrow(
        new RegExp(`^not enough free space in ${dirs.dist} for publishing v${info.version}: it needs about [\\d.]+ MB \\(\\d+ bytes\\), and 0\\.5 MB \\(\\d+ bytes\\) are free`),
      );
      expect(await readdir(dirs.dist)).toEqual([]);
    });

    it("checks the staged release against its SHA256SUMS and the row counts validate found before anything is visible", async () => {
      const dist = await tempDir("checked-");
      const next = { ...info, version: "99.0.0" };
      const tampered = (dir: string) => buildRelease(dir, next, tables, inMemoryRows(rows)).then(() => appendFile(join(dir, "targets.csv"), "\n"));
      await expect(writeRelease(dist, next, tampered)).rejects.toThrow(/^the release staged in \S+ does not match its SHA256SUMS \(targets\.csv\); nothing was published$/);
      expect(await readdir(dist)).toEqual([]);
      const dirs = await copyOfSharedBuild({ of: small });
      const report = JSON.parse(await readFile(buildPaths(dirs).validateReport, "utf8"));
      const targets = report.row_counts.targets;
      await writeFile(buildPaths(dirs).validateReport, JSON.stringify({ ...report, row_counts: { ...report.row_counts, targets: targets + 1 } }));
      await expect(runStages("publish", { dirs, log: quiet })).rejects.toThrow(`the release holds other row counts than validate checked (targets ${targets} of ${targets + 1}); nothing was published`);
      expect(await readdir(dirs.dist).catch(() => [])).toEqual([]);
    });

    it("a release folder left with 8 of its files is restored from the build, not refused and not called unchanged", async () => {
      const dist = await tempDir("damaged-");
      await publishRows(dist, info, rows);
      const whole = await snapshot(dist);
      const folder = join(dist, `v${info.version}`);
      for (const name of (await readdir(folder)).sort().slice(8)) await rm(join(folder, name));
      expect(await publishRows(dist, info, rows)).toEqual({ kind: "repaired", restored: [`v${info.version}/`] });
      expect(await snapshot(dist)).toEqual(whole);
    });
  });

  describe("a release keeps its identity", () => {
    it("after its folder is deleted, a version is published again only with the same contents, from releases.json or its archive alone", async () => {
      const dist = await tempDir("identity-");
      await publishRows(dist, info, rows);
      const whole = await snapshot(dist);
      const changed = { ...rows, targets: rows.targets!.slice(1) };
      await rm(join(dist, `v${info.version}`), { recursive: true });
      const gone = await snapshot(dist);
      const refusal = new RegExp(`^release v${info.version} already exists in ${dist} and this build differs in .*, targets\\.csv, .*bump "version" in dataset\\.json$`);
      await expect(publishRows(dist, info, changed)).rejects.toThrow(refusal);
      expect(await snapshot(dist)).toEqual(gone);
      // Without releases.json the archive still says what v<version> is.
      await rm(join(dist, "releases.json"));
      await expect(publishRows(dist, info, changed)).rejects.toThrow(refusal);
      expect(await publishRows(dist, info, rows)).toEqual({ kind: "repaired", restored: [`v${info.version}/`, "releases.json"] });
      expect(await snapshot(dist)).toEqual(whole);
    });

    it("a version is unpublished only by deleting its folder, its archive and its releases.json entry together (the dev workflow)", async () => {
      const dist = await tempDir("unpublish-");
      await publishRows(dist, info, rows);
      const changed = { ...rows, targets: rows.targets!.slice(1) };
      await rm(join(dist, `v${info.version}`), { recursive: true });
      for (const name of [archive(info.version), `${archive(info.version)}.sha256`]) await rm(join(dist, name));
      const gone = await snapshot(dist);
      // releases.json alone still says what the version is: its archive's hash.
      await expect(publishRows(dist, info, changed)).rejects.toThrow(new RegExp(`^release v${info.version} already exists in ${dist} and this build differs in its archive \\(sha256 \\w+, published \\w+\\)`));
      expect(await snapshot(dist)).toEqual(gone);
      await writeFile(join(dist, "releases.json"), "[]\n");
      expect(await publishRows(dist, info, changed)).toEqual({ kind: "written" });
      await expectWhole(join(dist, `v${info.version}`));
      const published = JSON.parse(await readFile(join(dist, `v${info.version}`, "targets.json"), "utf8")) as Array<{ target_id: string }>;
      expect(published.map((t) => t.target_id)).toEqual(changed.targets.map((t) => t["target_id"]));
    });

    it("a build table edited in place, even to the same size, never reaches a release", async () => {
      const dirs = await copyOfSharedBuild({ of: small, withDist: true });
      const paths = buildPaths(dirs);
      const published = await snapshot(dirs.dist);
      const original = await readFile(paths.extractTable("targets"), "utf8");
      const edited = original.replace(/"value":(\d)/, (_m, d: string) => `"value":${(Number(d) + 1) % 10}`);
      expect([edited.length, edited === original]).toEqual([original.length, false]);
      await writeFile(paths.extractTable("targets"), edited);
      await expect(runStages("publish", { dirs, log: quiet })).rejects.toThrow(/targets\.jsonl changed after it was validated; nothing is published/);
      // make publish runs extract first: its recorded output hash no longer holds, so it writes the table again.
      await runStages("extract", { dirs, jobs: 1, log: quiet });
      expect(await readFile(paths.extractTable("targets"), "utf8")).toBe(original);
      await runStages("publish", { dirs, log: quiet });
      expect(await snapshot(dirs.dist)).toEqual(published);
    });

    // Each stage hands on a file per article, named in a manifest with its hash; a reader reads it only for what
    // misses its cache (here: what it made from the file, removed as a code change would), so it reads the edited file.
    type Where = (paths: BuildPaths, article: NormalizedEntry) => string;
    const normalized: Where = (p, a) => p.normalizedArticle(a.article_id);
    it.each<[string, string, Where, (paths: BuildPaths, article: NormalizedEntry) => string[]]>([
      ["ingest", "normalize", (p, a) => p.ingestText(a.source_file), (p, a) => [p.normalizedArticle(a.article_id)]],
      ["normalize", "extract", normalized, (p, a) => [p.extractedArticle(a.article_id)]],
      ["normalize", "validate", normalized, (p) => [p.validateReport, p.validateTextChecks]],
      // The card's scores read the texts of the articles a gold set names.
      ["normalize", "publish", normalized, (p) => [p.stageRecord("publish")]],
    ])("an article file %s hands on, edited to the same size, is refused by %s and rebuilt by make publish", async (writer, stage, edited, made) => {
      const dirs = await copyOfSharedBuild({ of: small, withDist: true });
      const paths = buildPaths(dirs);
      const published = await snapshot(dirs.dist);
      const [article] = await readJsonlAll<NormalizedEntry>(paths.normalizeManifest);
      const file = edited(paths, article!);
      const original = await readFile(file, "utf8");
      // A digit of the text (in the normalized JSON, of its text field), one byte for another.
      const from = Math.max(0, original.indexOf('"text":"'));
      const at = from + original.slice(from).search(/\d/);
      const changed = `${original.slice(0, at)}${(Number(original[at]) + 1) % 10}${original.slice(at + 1)}`;
      expect([changed.length, changed === original]).toEqual([original.length, false]);
      await writeFile(file, changed);
      for (const path of made(paths, article!)) await rm(path);
      await expect(runStages(stage, { dirs, jobs: 1, log: quiet })).rejects.toThrow(`${file} is not the file ${writer} recorded (it changed since): run ${writer} again`);
      await runStages("all", { dirs, jobs: 1, log: quiet });
      expect(await readFile(file, "utf8")).toBe(original);
      expect(await snapshot(dirs.dist)).toEqual(published);
    });

    it("a raw file saved between ingest's listing (which hashes it) and its decoding is not cached under the old hash", async () => {
      const dir = await tempDir("saved-");
      const path = join(dir, "article.txt");
      await writeFile(path, "今年地区生产总值增长5%。");
      const listed = sha256Hex(await readFile(path));
      await writeFile(path, "今年地区生产总值增长6%。");
      const output = join(dir, "ingested.txt");
      const job = { output, stamp: { input_sha256: listed, code_version: "test", config_sha256: "test" }, item: { source_file: "article.txt", path, sha256: listed } };
      await expect(ingestFile(job)).rejects.toThrow(`${path} is not the file ingest recorded (it changed since): run ingest again`);
      expect(await readdir(dir)).toEqual(["article.txt"]);
    });
  });
});
