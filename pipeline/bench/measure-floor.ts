import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import * as OpenCC from "opencc-js";
import { classifyFile } from "../ingest/classify-file.ts";

export interface Floor {
  articles: number;
  /** UTF-8 bytes of the decoded texts. */
  bytes: number;
  /** Conversion plus segmentation only: reading, decoding and dictionary loading are left out. */
  seconds: number;
  convertSeconds: number;
  segmentSeconds: number;
  dictionarySeconds: number;
}

/**
 * The floor of the pipeline's cost: OpenCC Traditional→Simplified conversion plus jieba segmentation (the
 * pipeline's binding, @node-rs/jieba) of every readable article of `rawDir`, in one thread. The files are streamed, so the floor's own memory stays flat.
 */
export async function measureFloor(rawDir: string): Promise<Floor> {
  const t2cn = OpenCC.Converter({ from: "t", to: "cn" });
  let started = performance.now();
  const jieba = Jieba.withDict(dict);
  const dictionarySeconds = (performance.now() - started) / 1000;
  const seen = new Set<string>();
  const floor: Floor = { articles: 0, bytes: 0, seconds: 0, convertSeconds: 0, segmentSeconds: 0, dictionarySeconds };
  for (const name of (await readdir(rawDir)).filter((f) => f.endsWith(".txt")).sort()) {
    const file = classifyFile(name, await readFile(join(rawDir, name)));
    if (file.status === "rejected" || seen.has(file.article_id)) continue;
    seen.add(file.article_id);
    started = performance.now();
    const simplified = t2cn(file.text);
    const converted = performance.now();
    // Dictionary segmentation without the HMM for unknown words: the least work segmentation can be.
    jieba.cut(simplified, false);
    floor.convertSeconds += (converted - started) / 1000;
    floor.segmentSeconds += (performance.now() - converted) / 1000;
    floor.articles++;
    floor.bytes += Buffer.byteLength(file.text);
  }
  floor.seconds = floor.convertSeconds + floor.segmentSeconds;
  return floor;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [rawDir] = process.argv.slice(2);
  if (!rawDir) throw new Error("usage: measure-floor.ts RAW_DIR");
  process.stdout.write(`${JSON.stringify(await measureFloor(resolve(rawDir)))}\n`);
}
