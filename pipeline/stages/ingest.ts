import { readFile } from "node:fs/promises";
import { join } from "node:path";
import pMap from "p-map";
import type { IngestRecord } from "../../schemas/normalized-article.ts";
import { listRawFiles, type Skipped } from "../ingest/list-raw-files.ts";
import { parseSources } from "../ingest/parse-sources.ts";
import { writeJson, writeJsonl } from "../lib/files.ts";
import { sha256Hex } from "../lib/hash.ts";
import { describeShard, inShard } from "../lib/shard.ts";
import type { Sidecar } from "../lib/stage-cache.ts";
import type { IngestSummary, RawFile } from "./ingest-file.ts";
import { PipelineError, type PerItem, type StageContext } from "./stage.ts";

const listRaw = (dir: string) =>
  listRawFiles(dir).catch((error: Error) => {
    throw new PipelineError(`cannot read raw folder ${dir}: ${error.message}`);
  });

/** Each raw .txt file, decoded in the pool, cached by the raw bytes' hash. */
export const perItem: PerItem<RawFile> = {
  async items({ dirs, shard, log }) {
    const { files: listed } = await listRaw(dirs.raw);
    const files = shard ? listed.filter((name) => inShard(name, shard)) : listed;
    if (shard) log(`ingest: shard ${describeShard(shard)} holds ${files.length} of the ${listed.length} raw files`);
    // Hashing is the cheap part of reading a file (decoding is what the cache saves); files are read several at once.
    return pMap(files, async (name): Promise<RawFile> => {
      const path = join(dirs.raw, name);
      return { source_file: name, path, sha256: sha256Hex(await readFile(path)) };
    }, { concurrency: 16 });
  },
  task: { module: new URL("./ingest-file.ts", import.meta.url), exportName: "ingestFile" },
  folder: (paths) => paths.ingestFiles,
  file: (file) => file.source_file,
  inputSha256: (file) => file.sha256,
  name: (file) => file.source_file,
};

/** The manifest of accepted articles, each content id once, and the report of every file that was not one. */
export async function finish({ dirs, paths, log, shard }: StageContext, sidecars: ReadonlyArray<Sidecar<IngestSummary>>): Promise<void> {
  const { skipped, sources } = await listRaw(dirs.raw);
  const listings = (await Promise.all(sources.map(async (name) => parseSources(name, await readFile(join(dirs.raw, name), "utf8"))))).flat();
  await writeJsonl(paths.ingestSources, listings);
  const rejected: Skipped[] = [...skipped];
  const seen = new Map<string, string>();
  const accepted: IngestRecord[] = [];
  for (const { summary } of sidecars) {
    if (summary.status === "rejected") {
      rejected.push({ source_file: summary.source_file, reason: summary.reason });
      continue;
    }
    const { status: _status, ...record } = summary;
    const first = seen.get(record.article_id);
    if (first) {
      rejected.push({ source_file: record.source_file, reason: `duplicate of ${first} (same decoded text)` });
      continue;
    }
    seen.set(record.article_id, record.source_file);
    accepted.push(record);
  }
  rejected.sort((a, b) => a.source_file.localeCompare(b.source_file));
  for (const r of rejected) log(`rejected ${r.source_file}: ${r.reason}`);
  await writeJsonl(paths.ingestManifest, accepted);
  await writeJson(paths.ingestRejections, rejected);
  // A shard may hold no article (fewer files than shards, or all rejected); the merge asks it of the whole corpus.
  if (accepted.length === 0 && !shard) throw new PipelineError(`no article could be read from ${dirs.raw} (${rejected.length} rejected)`);
  log(`ingest: ${accepted.length} articles, ${rejected.length} rejected`);
}
