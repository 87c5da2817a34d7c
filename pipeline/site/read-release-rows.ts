import { createReadStream } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";

/**
 * The rows of a release's `<table>.json`, one at a time: targets.json of a 20,000-article release is hundreds of
 * megabytes, close to the longest string V8 holds. Reads the layout publish writes (`JSON.stringify(rows, null, 1)`,
 * pipeline/publish/to-json.ts: each row opens with ` {` and closes with ` }`), and stops at any other line.
 */
export async function* readReleaseRows<T>(releaseDir: string, table: string): AsyncGenerator<T> {
  const path = join(releaseDir, `${table}.json`);
  const lines = createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Infinity });
  let row: string[] | null = null;
  let n = 0;
  for await (const line of lines) {
    n++;
    if (row === null) {
      if (line === " {") row = [];
      else if (line !== "[" && line !== "]" && line !== "[]") throw new Error(`${path}:${n}: not the release's JSON layout: ${line.slice(0, 40)}`);
    } else if (line === " }," || line === " }") {
      yield JSON.parse(`{${row.join("")}}`) as T;
      row = null;
    } else row.push(line);
  }
  if (row !== null) throw new Error(`${path}: ends inside a row`);
}

export async function readAllReleaseRows<T>(releaseDir: string, table: string): Promise<T[]> {
  const rows: T[] = [];
  for await (const row of readReleaseRows<T>(releaseDir, table)) rows.push(row);
  return rows;
}
