import { copyFile, mkdir, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { IngestRecord } from "../../schemas/normalized-article.ts";
import { readJsonlAll } from "../../pipeline/lib/files.ts";
import { buildPaths, defaultDirs, type Dirs } from "../../pipeline/lib/paths.ts";
import { shardOf } from "../../pipeline/lib/shard.ts";
import { runStages } from "../../pipeline/stages/run-stages.ts";
import { sharedBuild, snapshot, tempDir } from "../helpers.ts";

/** The three shard builds tests/global-setup.ts ran as processes, of raw/ plus a copy of an article. */
const { raw, builds, original, copy } = inject("shards");

const manifest = async (build: string) => readJsonlAll<IngestRecord>(buildPaths({ ...defaultDirs, build }).ingestManifest);

describe("shards", () => {
  let merged: Dirs;
  let log: string[];
  beforeAll(async () => {
    merged = { raw, build: join(await tempDir("merged-"), "build"), dist: join(await tempDir("merged-dist-"), "dist") };
    log = [];
    // What `cli.ts merge` runs.
    await runStages("all", { dirs: merged, jobs: 1, shardBuilds: builds, log: (m) => log.push(m) });
  });

  it("split the raw files by a hash of the name, each in one shard; the original and its copy in two", async () => {
    const held = await Promise.all(builds.map(async (build) => (await manifest(build)).map((r) => r.source_file)));
    const txt = (await readdir(raw)).filter((name) => name.endsWith(".txt")).sort();
    expect(held).toEqual([0, 1, 2].map((k) => txt.filter((name) => shardOf(name, 3) === k)));
    expect(held.every((names) => names.length > 0)).toBe(true);
    expect(held[shardOf(original, 3)]).toContain(original);
    expect(held[shardOf(copy, 3)]).toContain(copy);
  });

  it("merges without computing any article again, and rejects the copy as one machine does", async () => {
    expect(log.filter((line) => / reused, \d+ computed$/.test(line))).toEqual([
      "ingest: 39 reused, 0 computed",
      "normalize: 38 reused, 0 computed",
      "extract: 38 reused, 0 computed",
    ]);
    const rejections = JSON.parse(await readFile(buildPaths(merged).rejections("ingest"), "utf8"));
    expect(rejections).toEqual([{ source_file: copy, stage: "ingest", reason: `duplicate: same decoded text as ${original}` }]);
  });

  it("runs a shard that holds no file as one with nothing to do, so a corpus smaller than the shard count fails no task", async () => {
    const root = await tempDir("empty-shard-");
    const one = { raw: join(root, "raw"), build: join(root, "build"), dist: join(root, "dist") };
    await mkdir(one.raw);
    await copyFile(join(raw, original), join(one.raw, original));
    await runStages("all", { dirs: one, jobs: 1, shard: { index: (shardOf(original, 3) + 1) % 3, count: 3 }, log: () => {} });
    expect(await manifest(one.build)).toEqual([]);
    expect(await readJsonlAll(buildPaths(one).extractTable("districts"))).toEqual([]);
  });

  it("makes the release the unsharded run makes, byte for byte: folder, archive and releases.json", async () => {
    const one = sharedBuild();
    expect(await snapshot(merged.dist)).toEqual(await snapshot(one.dist));
    for (const path of [buildPaths(one).ingestManifest, buildPaths(one).normalizeManifest]) {
      expect(await readFile(path.replace(one.build, merged.build), "utf8")).toBe(await readFile(path, "utf8"));
    }
  });
});
