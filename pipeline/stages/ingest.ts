import { join } from "node:path";
import pMap from "p-map";
import type { IngestRecord, Rejection } from "../../schemas/normalized-article.ts";
import { listRawFiles } from "../ingest/list-raw-files.ts";
import { parseSources } from "../ingest/parse-sources.ts";
import { writeJsonl } from "../lib/files.ts";
import { ingestFileName } from "../lib/paths.ts";
import { readRawFile, type IngestSummary, type RawFile } from "./ingest-file.ts";
import { failedItems, PipelineError, reportRejections, type ItemResult, type PerItem, type StageContext } from "./stage.ts";
import { describeShard, inShard } from "../lib/shard.ts";

const listRaw = (dir: string) =>
  listRawFiles(dir).catch((error: Error) => {
    throw new PipelineError(`cannot read raw folder ${dir}: ${error.message}`);
  });

/** Each raw .txt file, decoded in the pool, cached by the raw bytes' hash. */
export const perItem: PerItem<RawFile> = {
  async items({ dirs, shard, log, fileHashes }) {
    const { files: listed } = await listRaw(dirs.raw);
    const files = shard ? listed.filter((name) => inShard(name, shard)) : listed;
    if (shard) log(`ingest: shard ${describeShard(shard)} holds ${files.length} of the ${listed.length} raw files`);
    // Hashing is the cheap part of reading a file (decoding is what the cache saves); files are read several at once.
    // A file that cannot be read has no hash, so it is never a cache hit: its task reads it again and reports why.
    return pMap(files, async (name): Promise<RawFile> => {
      const path = join(dirs.raw, name);
      return { source_file: name, path, sha256: await fileHashes.sha256(path).catch(() => "") };
    }, { concurrency: 16 });
  },
  task: { module: new URL("./ingest-file.ts", import.meta.url), exportName: "ingestFile" },
  folder: (paths) => paths.ingestFiles,
  file: (file) => ingestFileName(file.source_file),
  inputSha256: (file) => file.sha256,
  name: (file) => file.source_file,
};

/** The manifest of accepted articles, each content id once, and the report of every file that was not one. */
export async function finish(ctx: StageContext, results: ReadonlyArray<ItemResult<RawFile, IngestSummary>>): Promise<void> {
  const { dirs, paths } = ctx;
  const { skipped, sources } = await listRaw(dirs.raw);
  const rejected: Rejection[] = [...skipped.map(({ source_file, reason }) => ({ source_file, stage: "ingest" as const, reason })), ...failedItems("ingest", results)];
  const listings = await pMap(sources, (name) =>
    readRawFile(join(dirs.raw, name)).then(
      (bytes) => parseSources(name, bytes.toString("utf8")),
      (error: Error) => (rejected.push({ source_file: name, stage: "ingest", reason: error.message }), []),
    ),
  );
  await writeJsonl(paths.ingestSources, listings.flat());
  const seen = new Map<string, string>();
  const accepted: IngestRecord[] = [];
  for (const result of results) {
    if (!result.ok) continue;
    const { summary } = result.sidecar;
    if (summary.status === "rejected") {
      rejected.push({ source_file: summary.source_file, stage: "ingest", reason: summary.reason });
      continue;
    }
    const { status: _status, ...record } = summary;
    const first = seen.get(record.article_id);
    if (first) {
      rejected.push({ source_file: record.source_file, stage: "ingest", reason: `duplicate: same decoded text as ${first}` });
      continue;
    }
    seen.set(record.article_id, record.source_file);
    accepted.push(record);
  }
  rejected.sort((a, b) => a.source_file.localeCompare(b.source_file));
  await writeJsonl(paths.ingestManifest, accepted);
  await reportRejections(ctx, "ingest", rejected, accepted.length);
  ctx.log(`ingest: ${accepted.length} articles, ${rejected.length} rejected`);
}
