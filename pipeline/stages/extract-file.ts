import { tables } from "../../schemas/index.ts";
import type { NormalizedArticle, NormalizedEntry } from "../../schemas/normalized-article.ts";
import { extractArticle } from "./extract-article.ts";
import type { CachedJob } from "../lib/run-cached.ts";
import { readVerified } from "../lib/read-verified.ts";
import { storeOutput, type Sidecar } from "../lib/stage-cache.ts";
import { checkArticle } from "../validate/check-article.ts";
import { tableRules } from "../validate/table-rules.ts";
import { formatError } from "../validate/validation-error.ts";

/** A normalize manifest entry and where its normalized article is. */
export interface ExtractItem extends NormalizedEntry {
  path: string;
}

/**
 * Pool task: extracts one normalized article (the one its manifest entry's hash names) and stores its district and
 * rows as JSON. Rows that validate would
 * refuse fail the article here, so that one article's fault leaves it out instead of stopping the release.
 */
export async function extractFile({ output, stamp, item }: CachedJob<ExtractItem>): Promise<Sidecar<null>> {
  const json = (await readVerified(item.path, item.sha256, "normalize")).toString("utf8");
  let doc: NormalizedArticle;
  try {
    doc = JSON.parse(json) as NormalizedArticle;
  } catch (error) {
    throw new Error(`the normalized article is not valid JSON (${(error as Error).message})`);
  }
  const extraction = extractArticle(doc);
  const errors = checkArticle(tables, tableRules, { ...extraction.rows }, doc.article_id, doc);
  if (errors.length > 0) throw new Error(`a row fails validation: ${formatError(errors[0]!)}${errors.length > 1 ? ` (${errors.length - 1} more)` : ""}`);
  return storeOutput(output, JSON.stringify(extraction), stamp, null);
}
