import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { readJsonl, writeJson, writeJsonl } from "../lib/files.ts";
import { requireInput } from "../lib/require-input.ts";
import { normalizeArticle } from "../normalize/normalize-article.ts";
import type { Stage } from "../stage.ts";
import type { IngestRecord } from "./ingest.ts";

export const normalize: Stage = {
  name: "normalize",
  description: "strip pinyin, repair mojibake, fix widths and whitespace, move bylines to metadata and drop page chrome, convert to Simplified, split into blocks and sentences",
  reads: "ingest",
  async run({ paths, log }) {
    await requireInput(paths.ingestManifest, "ingest");
    await rm(join(paths.normalizeManifest, ".."), { recursive: true, force: true });
    const count = await writeJsonl(paths.normalizeManifest, (async function* () {
      for await (const record of readJsonl<IngestRecord>(paths.ingestManifest)) {
        const article = normalizeArticle(record, await readFile(paths.ingestText(record.article_id), "utf8"));
        await writeJson(paths.normalizedArticle(record.article_id), article);
        yield { article_id: article.article_id, source_file: article.source_file };
      }
    })());
    log(`normalize: ${count} articles`);
  },
};
