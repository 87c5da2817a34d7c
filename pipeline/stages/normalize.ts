import type { NormalizedEntry } from "../../schemas/normalized-article.ts";
import { readJsonlAll, writeJsonl } from "../lib/files.ts";
import { sha256Hex } from "../lib/hash.ts";
import { requireInput } from "../lib/require-input.ts";
import { runCached } from "../lib/run-cached.ts";
import { openStageCache } from "../lib/stage-cache.ts";
import type { StageContext } from "./stage.ts";
import type { IngestRecord } from "../../schemas/normalized-article.ts";
import type { NormalizeItem } from "./normalize-file.ts";

/** Normalizes each ingested article in the pool, cached by its ingest record (which holds the decoded text's hash). */
export async function run({ paths, log, jobs }: StageContext): Promise<void> {
  await requireInput(paths.ingestManifest, "ingest");
  const items = (await readJsonlAll<IngestRecord>(paths.ingestManifest)).map((record) => ({ record, textPath: paths.ingestText(record.source_file) }));
  const sidecars = await runCached<NormalizeItem, null>(items, {
    cache: await openStageCache({ entry: new URL(import.meta.url) }),
    task: { module: new URL("./normalize-file.ts", import.meta.url), exportName: "normalizeFile" },
    folder: paths.normalizedArticles,
    file: ({ record }) => `${record.article_id}.json`,
    // The record holds the decoded text's hash (article_id) and everything else normalization reads.
    inputSha256: ({ record }) => sha256Hex(JSON.stringify(record)),
    name: ({ record }) => record.source_file,
    jobs,
    label: "normalize",
    log,
  });
  const entries: NormalizedEntry[] = items.map(({ record }, i) => ({ article_id: record.article_id, source_file: record.source_file, sha256: sidecars[i]!.output_sha256 }));
  await writeJsonl(paths.normalizeManifest, entries);
  log(`normalize: ${entries.length} articles`);
}
