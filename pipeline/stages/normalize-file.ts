import type { CachedJob } from "../lib/run-cached.ts";
import { readVerified } from "../lib/read-verified.ts";
import { storeOutput, type Sidecar } from "../lib/stage-cache.ts";
import { normalizeArticle } from "../normalize/normalize-article.ts";
import { hasHan } from "../text/is-common-han.ts";
import type { IngestRecord } from "../../schemas/normalized-article.ts";

export interface NormalizeItem {
  record: IngestRecord;
  textPath: string;
}

/**
 * Pool task: normalizes one article and stores its JSON; the decoded text must still be the one its id hashes. An
 * article that keeps no Chinese text fails (is rejected).
 */
export async function normalizeFile({ output, stamp, item }: CachedJob<NormalizeItem>): Promise<Sidecar<null>> {
  const article = normalizeArticle(item.record, (await readVerified(item.textPath, item.record.article_id, "ingest")).toString("utf8"));
  if (!hasHan(article.text)) throw new Error("no Chinese text left after normalization: markup, page chrome or glosses only");
  return storeOutput(output, JSON.stringify(article), stamp, null);
}
