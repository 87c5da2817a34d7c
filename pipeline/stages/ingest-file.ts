import { readFile } from "node:fs/promises";
import { classifyFile, type RejectedFile } from "../ingest/classify-file.ts";
import type { CachedJob } from "../lib/run-cached.ts";
import { recorded } from "../lib/read-verified.ts";
import { storeOutput, type Sidecar } from "../lib/stage-cache.ts";

import type { IngestRecord } from "../../schemas/normalized-article.ts";
/** What the ingest stage keeps of a file in its sidecar: the manifest record, or why the file was rejected. */
export type IngestSummary = ({ status: "accepted" } & IngestRecord) | RejectedFile;

export interface RawFile {
  source_file: string;
  path: string;
  sha256: string;
}

/** A raw file's bytes; failing, Node's message without the path it names ("EACCES: permission denied"): the report names the file. */
export const readRawFile = (path: string): Promise<Buffer> =>
  readFile(path).catch((error: Error) => Promise.reject(new Error(`cannot read the file (${error.message.replace(/, \w+ '.*$/su, "")})`)));

/**
 * Pool task: decodes one raw file and stores its text (empty when rejected), the verdict in the sidecar. The bytes
 * must be the ones hashed when the files were listed: a file saved meanwhile would be cached under the old hash.
 */
export async function ingestFile({ output, stamp, item }: CachedJob<RawFile>): Promise<Sidecar<IngestSummary>> {
  const result = classifyFile(item.source_file, recorded(item.path, await readRawFile(item.path), item.sha256, "ingest"));
  if (result.status === "rejected") return storeOutput(output, "", stamp, result);
  const { text, ...summary } = result;
  return storeOutput(output, text, stamp, summary);
}
