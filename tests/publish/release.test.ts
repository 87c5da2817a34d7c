import { filesUnder } from "../../pipeline/lib/files.ts";
import { spawn } from "node:child_process";
import { watch } from "node:fs";
import { cp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { list, extract } from "tar";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { column, type TableDef } from "../../schemas/column.ts";
import { tables } from "../../schemas/index.ts";
import { targetsTable } from "../../schemas/targets.ts";
import { buildPaths, projectRoot, type Dirs } from "../../pipeline/lib/paths.ts";
import { sha256Hex } from "../../pipeline/lib/hash.ts";
import { runStages } from "../../pipeline/stages/run-stages.ts";
import { buildRelease } from "../../pipeline/publish/build-release.ts";
import { checkVersionBump } from "../../pipeline/publish/check-version-bump.ts";
import { compareVersions } from "../../pipeline/publish/compare-versions.ts";
import { readDatasetInfo } from "../../pipeline/publish/dataset-info.ts";
import { readPreviousRelease } from "../../pipeline/publish/read-previous-release.ts";
import { diffReleases } from "../../pipeline/commands/diff-releases.ts";
import { schemaChanges } from "../../pipeline/publish/schema-changes.ts";
import { writeRelease } from "../../pipeline/publish/write-release.ts";
import { copyOfSharedBuild, inMemoryRows, publishRows, releaseRows, sharedBuild, smallBuild, snapshot, tempDir } from "../helpers.ts";

const info = readDatasetInfo();
const archiveName = (version: string) => `${info.name}-v${version}.tar.gz`;

describe("releases are reproducible, immutable and atomic", () => {
  let dirs: Dirs;
  // Whole runs of publish that are about how a release is written, not what it holds, run on two articles.
  let small: Dirs;
  beforeAll(async () => {
    dirs = await sharedBuild();
    small = await smallBuild();
  });

  it("a build from scratch reproduces the committed releases byte for byte: folders, archives and index", async () => {
    // Published into a copy of the committed dist/, the current version must come out as it was committed.
    const copy = await copyOfSharedBuild();
    await cp(join(projectRoot, "dist"), copy.dist, { recursive: true });
    const committed = await snapshot(copy.dist);
    expect(Object.keys(committed), `dist/ holds no v${info.version}: run make publish`).toEqual(
      expect.arrayContaining([archiveName(info.version), `${archiveName(info.version)}.sha256`, "releases.json", `v${info.version}/targets.parquet`]),
    );
    const logs: string[] = [];
    await runStages("publish", { dirs: copy, log: (m) => logs.push(m) });
    expect(logs).toContainEqual(expect.stringMatching(new RegExp(`^publish: v${info.version} unchanged in`)));
    expect(await snapshot(copy.dist)).toEqual(committed);
    // The shared build's own release, published into an empty dist, differs only in what it says of the release before.
    const own = await snapshot(join(dirs.dist, `v${info.version}`));
    const published = await snapshot(join(copy.dist, `v${info.version}`));
    for (const name of ["CHANGES.md", "SHA256SUMS"]) delete own[name], delete published[name];
    expect(own).toEqual(published);
  });

  it("re-publishing an unchanged version into the same folder changes nothing", async () => {
    const copy = await copyOfSharedBuild({ of: small, withDist: true });
    const before = await snapshot(copy.dist);
    const logs: string[] = [];
    await runStages("publish", { dirs: copy, log: (m) => logs.push(m) });
    expect(logs[0]).toBe("publish: unchanged since its last run (same inputs, code and configuration)");
    expect(await snapshot(copy.dist)).toEqual(before);
    // Without the runner's record the stage writes the release again, and finds every byte as it was.
    await rm(buildPaths(copy).stageRecord("publish"));
    logs.length = 0;
    await runStages("publish", { dirs: copy, log: (m) => logs.push(m) });
    expect(logs[0]).toMatch(/^publish: v[\d.]+ unchanged in/);
    expect(await snapshot(copy.dist)).toEqual(before);
  });

  it("the archive holds the release folder, sorted, with fixed times and no owner, and matches its checksum file", async () => {
    const archive = join(dirs.dist, archiveName(info.version));
    const bytes = await readFile(archive);
    expect(await readFile(`${archive}.sha256`, "utf8")).toBe(`${sha256Hex(bytes)}  ${archiveName(info.version)}\n`);
    const index = JSON.parse(await readFile(join(dirs.dist, "releases.json"), "utf8"));
    expect(index.find((e: { version: string }) => e.version === info.version).archive).toEqual({
      path: archiveName(info.version), bytes: bytes.length, sha256: sha256Hex(bytes),
    });
    const entries: { path: string; mtime?: Date; uid?: number; uname?: string; mode?: number }[] = [];
    await list({ file: archive, onReadEntry: (e) => entries.push({ path: e.path, mtime: e.mtime, uid: e.uid, uname: e.uname, mode: e.mode }) });
    const names = await filesUnder(join(dirs.dist, `v${info.version}`));
    // Folders (the explorer's site/ and its data/) are entries of their own, each before what it holds.
    expect(entries.filter((e) => !e.path.endsWith("/")).map((e) => e.path)).toEqual(names.map((n) => `v${info.version}/${n}`));
    expect(entries.map((e) => e.path)).toEqual([...entries.map((e) => e.path)].sort());
    for (const e of entries.slice(1)) {
      if (e.path.endsWith("/")) expect([e.path, e.mode]).toEqual([e.path, 0o755]);
      else expect([e.mtime?.toISOString(), e.uname ?? "", e.mode]).toEqual([`${info.released}T00:00:00.000Z`, "", 0o644]);
    }
    const out = await tempDir("unpacked-");
    await extract({ file: archive, cwd: out });
    expect(await snapshot(join(out, `v${info.version}`))).toEqual(await snapshot(join(dirs.dist, `v${info.version}`)));
  });

  it("changing data without bumping the version is refused and the release stays as it was", async () => {
    // A copy of the build with one target fewer: still valid, but not the data that was published.
    const changed = await copyOfSharedBuild({ of: small, withDist: true });
    const path = buildPaths(changed).extractTable("targets");
    const targets = (await readFile(path, "utf8")).trim().split("\n");
    await writeFile(path, targets.slice(0, -1).join("\n") + "\n");
    await runStages("validate", { dirs: changed, log: () => {} });
    const before = await snapshot(changed.dist);
    await expect(runStages("publish", { dirs: changed, log: () => {} })).rejects.toThrow(
      new RegExp(`release v${info.version} already exists in .* and this build differs in .*targets\\.json.*bump "version" in dataset.json`),
    );
    expect(await snapshot(changed.dist)).toEqual(before);
  });

  it("a new version carries CHANGES.md against the previous release, by primary key", async () => {
    const dist = await tempDir("next-");
    const rows = await releaseRows(dirs);
    await publishRows(dist, info, rows);
    const [first, second, ...rest] = rows.targets!;
    const next = { ...info, version: "99.0.0" };
    // second moves to a new key and another place, so nothing names it as it was.
    const moved = { ...second, target_id: "0000000000000000", char_start: 1_000_000, char_end: 1_000_004 };
    const nextRows = { ...rows, targets: [{ ...first, metric: "改过的指标" }, ...rest, moved] };
    const previous = await readPreviousRelease(dist, next.version);
    expect(previous?.version).toBe(info.version);
    await publishRows(dist, next, nextRows, { previous });
    const changes = await readFile(join(dist, "v99.0.0", "CHANGES.md"), "utf8");
    // second's key is gone (removed), a new key holds its values (added), first kept its key (changed).
    expect(changes).toContain(`| \`targets\` | 1 | 1 | 1 | ${rest.length} |  |`);
    expect(changes).toContain(`| \`articles\` | 0 | 0 | 0 | ${rows.articles!.length} |  |`);
    // The rows behind the counts, as `diff` shows them too.
    expect(changes).toContain(`- added (1): \`0000000000000000\`\n- removed (1): \`${second!["target_id"]}\``);
    expect(changes).toContain(`| \`${first!["target_id"]}\` | \`metric\` | \`${JSON.stringify(first!["metric"])}\` | \`"改过的指标"\` |`);
    const index = JSON.parse(await readFile(join(dist, "releases.json"), "utf8"));
    expect(index.map((e: { version: string; path: string }) => [e.version, e.path])).toEqual([[info.version, `v${info.version}/`], ["99.0.0", "v99.0.0/"]]);
    expect(await readFile(join(dist, "v99.0.0", "CHANGES.md"), "utf8")).toBe(changes);
  });

  it("one value edited in a row whose key digests it is one changed row, in CHANGES.md and diff alike", async () => {
    const dist = await tempDir("one-value-");
    const rows = await releaseRows(dirs);
    await publishRows(dist, info, rows);
    // A target no other table refers to, its metric read otherwise: its id, which hashes the metric, changes with it.
    const referred = new Set([...rows.headline_targets!, ...rows.target_outcomes!].flatMap((r) => [r["target_id"], r["outcome_target_id"]]));
    const target = rows.targets!.find((t) => !referred.has(t["target_id"]))!;
    const metric = `${target["metric"]}总量`;
    const id = sha256Hex(`${target["article_id"]}:${target["char_start"]}:${target["char_end"]}:${metric}`).slice(0, 16);
    const edited = { ...rows, targets: rows.targets!.map((t) => (t === target ? { ...t, target_id: id, metric } : t)) };
    const next = { ...info, version: "99.0.0" };
    await publishRows(dist, next, edited, { previous: await readPreviousRelease(dist, next.version) });
    const changes = await readFile(join(dist, "v99.0.0", "CHANGES.md"), "utf8");
    expect(changes).toContain(`| \`targets\` | 0 | 0 | 1 | ${rows.targets!.length - 1} |  |`);
    for (const [name, table] of Object.entries(rows).filter(([name]) => name !== "targets")) expect(changes).toContain(`| \`${name}\` | 0 | 0 | 0 | ${table.length} |  |`);
    expect(changes).toContain(`- changed (1):\n\n| target_id | column | v${info.version} | v99.0.0 |\n|---|---|---|---|\n| \`${id}\` | \`target_id\` | \`"${target["target_id"]}"\` | \`"${id}"\` |\n|  | \`metric\` |`);
    expect(changes).toContain("1 of them also have a new key");
    const diff = await diffReleases(join(dist, `v${info.version}`), join(dist, "v99.0.0"));
    expect(diff.slice(diff.indexOf("Against"))).toBe(changes.slice(changes.indexOf("Against")));
  });

  it("one value edited in an article's text counts as changed rows, though the ids of the article and its rows are digests of content", async () => {
    const dist = await tempDir("edited-");
    const rows = await releaseRows(dirs);
    await publishRows(dist, info, rows);
    // What the pipeline makes of one digit edited in one raw file: the article's id hashes its text, and each of its
    // targets' ids its article id, place and metric (pipeline/targets/extract-targets.ts); rows refer to both.
    const id = rows.articles![0]!["article_id"] as string;
    const newId = sha256Hex(`${id} with one digit edited`).slice(0, 16);
    const mine = rows.targets!.filter((t) => t["article_id"] === id);
    const renamed = new Map<unknown, unknown>([[id, newId], ...mine.map((t) => [t["target_id"], sha256Hex(`${newId}:${t["char_start"]}:${t["char_end"]}:${t["metric"]}`).slice(0, 16)] as const)]);
    const edited = Object.fromEntries(Object.entries(rows).map(([name, table]) => [name, table.map((row) => Object.fromEntries(Object.entries(row).map(([c, v]) => [c, renamed.get(v) ?? v])))]));
    edited.targets!.find((t) => t["article_id"] === newId)!["value"] = Number(mine[0]!["value"]) + 1;
    const next = { ...info, version: "99.0.0" };
    await publishRows(dist, next, edited, { previous: await readPreviousRelease(dist, next.version) });
    const changes = await readFile(join(dist, "v99.0.0", "CHANGES.md"), "utf8");
    for (const [name, table] of Object.entries(rows)) {
      const touched = table.filter((row) => Object.values(row).some((v) => renamed.has(v))).length;
      expect(changes).toContain(`| \`${name}\` | 0 | 0 | ${touched} | ${table.length - touched} |  |`);
    }
    expect(mine.length).toBeGreaterThan(1);
    expect(changes).toContain("such rows are matched by what else names them (`articles` by `source_file`; `targets` by `article_id`, `char_start`, `char_end`)");
  });

  it("CHANGES.md counts the rows of a table the new version no longer publishes", async () => {
    const dist = await tempDir("dropped-");
    const rows = await releaseRows(dirs);
    await publishRows(dist, info, rows);
    const next = { ...info, version: "1.0.0" };
    const previous = await readPreviousRelease(dist, next.version);
    const fewer = tables.filter((t) => t.name !== "officials");
    await writeRelease(dist, next, (dir) => buildRelease(dir, next, fewer, inMemoryRows(rows), { previous }));
    const changes = await readFile(join(dist, "v1.0.0", "CHANGES.md"), "utf8");
    expect(rows.officials!.length).toBeGreaterThan(1);
    expect(changes).toContain(`| \`officials\` | 0 | ${rows.officials!.length} | 0 | 0 | table-removed |`);
    expect(await readdir(join(dist, "v1.0.0"))).not.toContain("officials.csv");
  });

  it("a breaking schema change is refused without a bigger version bump; an added column is not breaking", async () => {
    const dist = await tempDir("schema-");
    const published = { ...info, version: "1.2.0" };
    await publishRows(dist, published, await releaseRows(dirs));
    const previous = (await readPreviousRelease(dist, "1.2.1"))!;
    expect(schemaChanges(tables, previous)).toEqual([]);
    const narrower: TableDef[] = tables.map((t): TableDef => (t === targetsTable ? { ...t, schema: targetsTable.schema.omit({ metric: true }) } : t));
    const changes = schemaChanges(narrower, previous);
    expect(changes).toEqual([{ table: "targets", change: "column-removed", column: "metric", breaking: true }]);
    expect(() => checkVersionBump("1.2.0", "1.3.0", changes)).toThrow(
      'v1.3.0 after v1.2.0 has breaking schema changes (column-removed targets.metric): set "version" in dataset.json to 2.0.0 or later',
    );
    expect(() => checkVersionBump("1.2.0", "2.0.0", changes)).not.toThrow();
    expect(() => checkVersionBump("0.1.0", "0.1.1", changes)).toThrow("to 0.2.0 or later");
    expect(() => checkVersionBump("0.1.0", "0.2.0", changes)).not.toThrow();
    const wider: TableDef[] = tables.map((t): TableDef => (t === targetsTable ? { ...t, schema: targetsTable.schema.extend({ note: column(z.string().min(1), { description: "New." }) }) } : t));
    expect(schemaChanges(wider, previous)).toEqual([{ table: "targets", change: "column-added", column: "note", breaking: false }]);
    expect(() => checkVersionBump("1.2.0", "1.2.1", schemaChanges(wider, previous))).not.toThrow();
  });

  it("orders versions numerically", () => {
    expect(["0.10.0", "0.9.1", "1.0.0", "0.9.0"].sort(compareVersions)).toEqual(["0.9.0", "0.9.1", "0.10.0", "1.0.0"]);
  });

  it("a publish that fails midway leaves earlier releases and releases.json as they were, and no temporary folder", async () => {
    const dist = await tempDir("interrupted-");
    const rows = await releaseRows(dirs);
    await publishRows(dist, info, rows);
    const before = await snapshot(dist);
    const next = { ...info, version: "99.0.0" };
    // The themes table breaks off after its first rows, as a failing disk or a truncated file would.
    let yielded = 0;
    const failing = (name: string) => (async function* () {
      for (const row of rows[name]!) {
        if (name === "themes" && ++yielded > 3) throw new Error("read error: disk full");
        yield row;
      }
    })();
    await expect(writeRelease(dist, next, (dir) => buildRelease(dir, next, tables, failing))).rejects.toThrow("disk full");
    expect(yielded).toBe(4);
    expect(await snapshot(dist)).toEqual(before);
    expect((await readdir(dist)).filter((n) => n.startsWith("."))).toEqual([]);
  });

  it("a publish killed midway leaves the earlier release and releases.json intact, and a rerun completes it", async () => {
    const dist = await tempDir("killed-");
    const own = await copyOfSharedBuild({ of: small });
    const older = { ...info, version: "0.0.1" };
    await publishRows(dist, older, await releaseRows(dirs));
    const before = await snapshot(dist);
    const child = spawn(process.execPath, ["--import", "tsx", "pipeline/cli.ts", "publish", "--build", own.build, "--out", dist], { cwd: projectRoot, stdio: "ignore" });
    // Kill as soon as the temporary release folder appears, mid-write.
    const watcher = watch(dist, (_event, name) => {
      if (String(name).startsWith(`.publish-`)) child.kill("SIGKILL");
    });
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on("exit", (c, s) => resolve([c, s])));
    watcher.close();
    expect([code, signal]).toEqual([null, "SIGKILL"]);
    const after = await snapshot(dist);
    for (const [path, hash] of Object.entries(before)) expect(after[path]).toBe(hash);
    // Wherever the kill landed, a release folder (not a hidden temporary one) is whole: its SHA256SUMS holds.
    for (const path of Object.keys(after).filter((p) => p.endsWith("/SHA256SUMS") && !p.startsWith("."))) {
      const dir = path.slice(0, -"/SHA256SUMS".length);
      const sums = (await readFile(join(dist, path), "utf8")).trim().split("\n").map((l) => l.split("  ").reverse());
      expect(Object.fromEntries(sums.map(([name, sum]) => [`${dir}/${name}`, sum]))).toEqual(
        Object.fromEntries(Object.entries(after).filter(([p]) => p.startsWith(`${dir}/`) && p !== path)),
      );
    }
    await runStages("publish", { dirs: { ...own, dist }, log: () => {} });
    const done = await snapshot(dist);
    expect(Object.keys(done).filter((p) => p.startsWith("."))).toEqual([]);
    const release = await snapshot(join(small.dist, `v${info.version}`));
    for (const [name, hash] of Object.entries(release)) {
      if (name !== "CHANGES.md" && name !== "SHA256SUMS") expect(done[`v${info.version}/${name}`]).toBe(hash);
    }
    const index = JSON.parse(await readFile(join(dist, "releases.json"), "utf8"));
    expect(index.map((e: { version: string }) => e.version)).toEqual(["0.0.1", info.version]);
  });
});
