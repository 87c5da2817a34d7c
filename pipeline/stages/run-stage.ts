import { existsSync } from "node:fs";
import { lstat, readdir, readFile, readlink } from "node:fs/promises";
import { join, relative } from "node:path";
import pMap from "p-map";
import { codeVersion } from "../lib/code-version.ts";
import { openFileHashes, type FileHashes } from "../lib/file-hashes.ts";
import { writeJson } from "../lib/files.ts";
import { sha256Hex } from "../lib/hash.ts";
import { PipelineError } from "../lib/pipeline-error.ts";
import { runCached } from "../lib/run-cached.ts";
import { shardOutputs } from "../lib/shard-outputs.ts";
import { canonicalJson, openStageCache } from "../lib/stage-cache.ts";
import type { ItemResult, RunContext, Stage, StageContext, StageModule } from "./stage.ts";

/** Articles a stage's timings list. */
const SLOWEST = 3;

/** What the runner keeps of a stage's last finished run: the key it ran under and its outputs' hashes. */
interface StageRecord {
  key: string;
  outputs: Array<string | null>;
}

/** Files of a folder hashed at once. */
const HASHES_AT_ONCE = 16;

/** The items a stage's last run took longest to compute (reused ones are not timed). */
export type StageTimings = Array<{ name: string; seconds: number }>;

/**
 * A file's hash, a folder's (its entries' relative paths and hashes, sorted; a link by its target, anything
 * else by its kind), or null when it is missing. A file or folder that cannot be read counts by its error (the
 * ingest stage reports such a raw entry; it must not stop the run before).
 */
async function contentHash(fileHashes: FileHashes, path: string): Promise<string | null> {
  const info = await lstat(path).catch(() => null);
  if (!info) return null;
  if (info.isFile()) return fileHashes.sha256(path, info).catch((error: NodeJS.ErrnoException) => sha256Hex(`unreadable:${error.code}`));
  if (!info.isDirectory()) return sha256Hex(info.isSymbolicLink() ? `link:${await readlink(path)}` : "special");
  // Listed in order first, then hashed several at once: a raw folder holds thousands of files.
  const entries: Array<string | { name: string; full: string }> = [];
  const walk = async (dir: string) => {
    const listed = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => error.code ?? "error");
    if (typeof listed === "string") return void entries.push(`${relative(path, dir)}\0unreadable:${listed}`);
    for (const entry of listed.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else entries.push({ name: relative(path, full), full });
    }
  };
  await walk(path);
  const lines = await pMap(entries, async (e) => (typeof e === "string" ? e : `${e.name}\0${await contentHash(fileHashes, e.full)}`), { concurrency: HASHES_AT_ONCE });
  return sha256Hex(lines.join("\n"));
}

// In the stage's declared order, not by path: a build folder that moved (or was copied) is still current.
const hashes = (fileHashes: FileHashes, paths: readonly string[]) => Promise.all(paths.map((path) => contentHash(fileHashes, path)));

/**
 * Runs one stage: checks that its inputs exist, runs its per-article work through the cache, then finishes it
 * unless its key (code version, configuration, input hashes, items' output hashes) is the one of its last
 * finished run and every output still has the hash recorded then. Records the key and outputs after finishing.
 */
export async function runStage(stage: Stage, run: RunContext): Promise<void> {
  const fileHashes = await openFileHashes(run.paths.stageFileHashes(stage.name));
  const ctx: StageContext = { ...run, fileHashes };
  const inputs = stage.inputs(ctx.paths);
  const missing = inputs.find((path) => !existsSync(path));
  if (missing) throw new PipelineError(`missing ${missing}: run the stage before ${stage.name} first (make ${stage.name} runs it too)`);
  const module = (await import(stage.module.href)) as StageModule<unknown>;
  const code = [stage.module, ...(module.perItem ? [module.perItem.task.module] : [])];
  const config = stage.config?.(ctx) ?? {};
  let results: ReadonlyArray<ItemResult<unknown, unknown>> = [];
  if (module.perItem) {
    const perItem = module.perItem;
    const items = await perItem.items(ctx);
    results = await runCached(items, {
      cache: await openStageCache({ code, config, fileHashes, elsewhere: ctx.shardBuilds && shardOutputs(ctx.dirs.build, ctx.shardBuilds) }),
      task: perItem.task,
      folder: perItem.folder(ctx.paths),
      file: perItem.file,
      inputSha256: perItem.inputSha256,
      name: perItem.name,
      jobs: ctx.jobs,
      budgetMs: ctx.budgetMs,
      label: stage.name,
      log: ctx.log,
    });
    // Apart from the record: times are what no two runs share, and the record must not differ between them.
    const slowest: StageTimings = results
      .flatMap((r) => (r.ok && r.seconds !== null ? [{ name: r.name, seconds: Math.round(r.seconds * 100) / 100 }] : []))
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, SLOWEST);
    await writeJson(ctx.paths.stageTimings(stage.name), slowest);
  }
  const key = sha256Hex(
    canonicalJson({
      code: await codeVersion(code),
      config,
      inputs: await hashes(fileHashes, inputs),
      items: results.map((r) => (r.ok ? r.sidecar.output_sha256 : `failed: ${r.reason}`)),
    }),
  );
  const recordPath = ctx.paths.stageRecord(stage.name);
  const record = existsSync(recordPath) ? (JSON.parse(await readFile(recordPath, "utf8")) as StageRecord) : null;
  const outputs = stage.outputs(ctx.paths);
  if (record?.key === key && canonicalJson(record.outputs) === canonicalJson(await hashes(fileHashes, outputs))) {
    ctx.log(`${stage.name}: unchanged since its last run (same inputs, code and configuration)`);
  } else {
    await module.finish(ctx, results);
    await writeJson(recordPath, { key, outputs: await hashes(fileHashes, outputs) } satisfies StageRecord);
  }
  await fileHashes.save();
}
