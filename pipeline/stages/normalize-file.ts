import { readFile } from "node:fs/promises";
import type { CachedJob } from "../lib/run-cached.ts";
import { storeOutput, type Sidecar } from "../lib/stage-cache.ts";
import { normalizeArticle } from "../normalize/normalize-article.ts";
import { hasHan } from "../text/is-common-han.ts";
import type { IngestRecord } from "../../schemas/normalized-article.ts";

export interface NormalizeItem {
  record: IngestRecord;
  textPath: string;
}

/** Pool task: normalizes one article and stores its JSON; an article that keeps no Chinese text fails (is rejected). */
export async function normalizeFile({ output, stamp, item }: CachedJob<NormalizeItem>): Promise<Sidecar<null>> {
  const article = normalizeArticle(item.record, await readFile(item.textPath, "utf8"));
  if (!hasHan(article.text)) throw new Error("no Chinese text left after normalization: markup, page chrome or glosses only");
  return storeOutput(output, JSON.stringify(article), stamp, null);
}
