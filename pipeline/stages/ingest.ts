import { readFile } from "node:fs/promises";
import { join } from "node:path";
import pMap from "p-map";
import { listRawFiles, type Skipped } from "../ingest/list-raw-files.ts";
import { writeJson, writeJsonl } from "../lib/files.ts";
import { sha256Hex } from "../lib/hash.ts";
import { runCached } from "../lib/run-cached.ts";
import { openStageCache } from "../lib/stage-cache.ts";
import { PipelineError, type StageContext } from "./stage.ts";
import type { IngestRecord } from "../../schemas/normalized-article.ts";
import type { IngestSummary, RawFile } from "./ingest-file.ts";


/** Lists raw .txt files, detects encodings, gives each article a content id and rejects bad files; decoding runs per file in the pool, cached by the raw bytes' hash. */
export async function run({ dirs, paths, log, jobs }: StageContext): Promise<void> {
  const { files, skipped } = await listRawFiles(dirs.raw).catch((error: Error) => {
    throw new PipelineError(`cannot read raw folder ${dirs.raw}: ${error.message}`);
  });
  // Hashing is the cheap part of reading a file (decoding is what the cache saves); files are read several at once.
  const raw = await pMap(files, async (name): Promise<RawFile> => {
    const path = join(dirs.raw, name);
    return { source_file: name, path, sha256: sha256Hex(await readFile(path)) };
  }, { concurrency: 16 });
  const sidecars = await runCached<RawFile, IngestSummary>(raw, {
    cache: await openStageCache({ entry: new URL(import.meta.url) }),
    task: { module: new URL("./ingest-file.ts", import.meta.url), exportName: "ingestFile" },
    folder: paths.ingestFiles,
    file: (file) => file.source_file,
    inputSha256: (file) => file.sha256,
    name: (file) => file.source_file,
    jobs,
    label: "ingest",
    log,
  });
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
  if (accepted.length === 0) throw new PipelineError(`no article could be read from ${dirs.raw} (${rejected.length} rejected)`);
  log(`ingest: ${accepted.length} articles, ${rejected.length} rejected`);
}
