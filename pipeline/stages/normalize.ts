import type { IngestRecord, NormalizedEntry } from "../../schemas/normalized-article.ts";
import { readJsonlAll, writeJsonl } from "../lib/files.ts";
import { sha256Hex } from "../lib/hash.ts";
import type { Sidecar } from "../lib/stage-cache.ts";
import type { NormalizeItem } from "./normalize-file.ts";
import type { PerItem, StageContext } from "./stage.ts";

/** Each ingested article, normalized in the pool, cached by its ingest record (which holds the decoded text's hash). */
export const perItem: PerItem<NormalizeItem> = {
  items: async ({ paths }) => (await readJsonlAll<IngestRecord>(paths.ingestManifest)).map((record) => ({ record, textPath: paths.ingestText(record.source_file) })),
  task: { module: new URL("./normalize-file.ts", import.meta.url), exportName: "normalizeFile" },
  folder: (paths) => paths.normalizedArticles,
  file: ({ record }) => `${record.article_id}.json`,
  // The record holds the decoded text's hash (article_id) and everything else normalization reads.
  inputSha256: ({ record }) => sha256Hex(JSON.stringify(record)),
  name: ({ record }) => record.source_file,
};

/** The manifest of normalized articles, each with its JSON's hash, which keys extract's cache unread. */
export async function finish({ paths, log }: StageContext, sidecars: ReadonlyArray<Sidecar<null>>): Promise<void> {
  const records = await readJsonlAll<IngestRecord>(paths.ingestManifest);
  const entries: NormalizedEntry[] = records.map((record, i) => ({ article_id: record.article_id, source_file: record.source_file, sha256: sidecars[i]!.output_sha256 }));
  await writeJsonl(paths.normalizeManifest, entries);
  log(`normalize: ${entries.length} articles`);
}
