import type { NormalizedArticle, NormalizedEntry } from "../../schemas/normalized-article.ts";
import { extractArticle } from "./extract-article.ts";
import type { CachedJob } from "../lib/run-cached.ts";
import { readVerified } from "../lib/read-verified.ts";
import { storeOutput, type Sidecar } from "../lib/stage-cache.ts";

/** A normalize manifest entry and where its normalized article is. */
export interface ExtractItem extends NormalizedEntry {
  path: string;
}

/** Pool task: extracts one normalized article (the one its manifest entry's hash names) and stores its district and rows as JSON. */
export async function extractFile({ output, stamp, item }: CachedJob<ExtractItem>): Promise<Sidecar<null>> {
  const doc = JSON.parse((await readVerified(item.path, item.sha256, "normalize")).toString("utf8")) as NormalizedArticle;
  return storeOutput(output, JSON.stringify(extractArticle(doc)), stamp, null);
}
