import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { classifyFile, type AcceptedFile } from "../ingest/classify-file.ts";
import { listRawFiles, type Skipped } from "../ingest/list-raw-files.ts";
import { writeFileAtomic, writeJson, writeJsonl } from "../lib/files.ts";
import { PipelineError, type Stage } from "../stage.ts";

export type IngestRecord = Omit<AcceptedFile, "status" | "text">;

export const ingest: Stage = {
  name: "ingest",
  description: "list raw .txt files, detect encodings, give each article a content id, reject bad files",
  async run({ dirs, paths, log }) {
    const { files, skipped } = await listRawFiles(dirs.raw).catch((error: Error) => {
      throw new PipelineError(`cannot read raw folder ${dirs.raw}: ${error.message}`);
    });
    await rm(join(paths.ingestManifest, ".."), { recursive: true, force: true });
    const rejected: Skipped[] = [...skipped];
    const seen = new Map<string, string>();
    const accepted: IngestRecord[] = [];
    for (const name of files) {
      const result = classifyFile(name, await readFile(join(dirs.raw, name)));
      if (result.status === "rejected") {
        rejected.push(result);
        continue;
      }
      const first = seen.get(result.article_id);
      if (first) {
        rejected.push({ source_file: name, reason: `duplicate of ${first} (same decoded text)` });
        continue;
      }
      seen.set(result.article_id, name);
      const { status: _status, text, ...record } = result;
      await writeFileAtomic(paths.ingestText(record.article_id), text);
      accepted.push(record);
    }
    rejected.sort((a, b) => a.source_file.localeCompare(b.source_file));
    for (const r of rejected) log(`rejected ${r.source_file}: ${r.reason}`);
    await writeJsonl(paths.ingestManifest, accepted);
    await writeJson(paths.ingestRejections, rejected);
    if (accepted.length === 0) throw new PipelineError(`no article could be read from ${dirs.raw} (${rejected.length} rejected)`);
    log(`ingest: ${accepted.length} articles, ${rejected.length} rejected`);
  },
};
