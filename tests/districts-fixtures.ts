import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { classifyFile } from "../pipeline/ingest/classify-file.ts";
import { normalizeArticle } from "../pipeline/normalize/normalize-article.ts";
import { defaultDirs } from "../pipeline/paths.ts";
import type { NormalizedArticle } from "../schemas/normalized-article.ts";

/** Ingest and normalize one file's bytes as the pipeline does. */
export function normalizedDoc(name: string, bytes: Uint8Array): NormalizedArticle {
  const result = classifyFile(name, bytes);
  if (result.status !== "accepted") throw new Error(`${name}: ${result.reason}`);
  const { status: _status, text, ...record } = result;
  return normalizeArticle(record, text);
}

/** A short article written for a test, in the style of the real ones. */
export const articleOf = (text: string) => normalizedDoc("written.txt", new TextEncoder().encode(text));

/** The five real articles, keyed by their three-digit file prefix (000 … 004). */
export async function realArticles(): Promise<Map<string, NormalizedArticle>> {
  const names = (await readdir(defaultDirs.raw)).filter((f) => f.endsWith(".txt")).sort();
  const docs = await Promise.all(names.map(async (n) => [n.slice(0, 3), normalizedDoc(n, await readFile(join(defaultDirs.raw, n)))] as const));
  return new Map(docs);
}
