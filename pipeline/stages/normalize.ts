import type { IngestRecord, NormalizedEntry } from "../../schemas/normalized-article.ts";
import { readJsonlAll, writeJsonl } from "../lib/files.ts";
import { sha256Hex } from "../lib/hash.ts";
import type { NormalizeItem } from "./normalize-file.ts";
import { failedItems, reportRejections, type ItemResult, type PerItem, type StageContext } from "./stage.ts";

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

/** The manifest of normalized articles, each with its JSON's hash, which keys extract's cache unread; the articles left out. */
export async function finish(ctx: StageContext, results: ReadonlyArray<ItemResult<NormalizeItem, null>>): Promise<void> {
  const { paths } = ctx;
  const entries: NormalizedEntry[] = results.flatMap((r) =>
    r.ok ? [{ article_id: r.item.record.article_id, source_file: r.item.record.source_file, sha256: r.sidecar.output_sha256 }] : [],
  );
  const rejected = failedItems("normalize", results);
  await writeJsonl(paths.normalizeManifest, entries);
  await reportRejections(ctx, "normalize", rejected, entries.length);
  ctx.log(`normalize: ${entries.length} articles, ${rejected.length} rejected`);
}
