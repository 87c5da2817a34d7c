import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { DataResource } from "../../schemas/datapackage.ts";
import { fileSha256, filesUnder } from "../lib/files.ts";
import { releasePaths } from "../lib/paths.ts";

/** One thing wrong with a release: in which file, what, and what was expected and found. */
export interface ReleaseProblem {
  file: string;
  what: string;
  expected?: string;
  found?: string;
}

export interface FileCheck {
  /** Files SHA256SUMS lists. */
  listed: number;
  problems: ReleaseProblem[];
}

// A path inside the release (site/ has folders): segments joined by /, none of them . or .., no backslash.
const SUM_LINE = /^([0-9a-f]{64}) {2}((?:(?!\.\.?\/)[^/\\]+\/)*(?!\.\.?$)[^/\\]+)$/;

/**
 * A release folder's files against SHA256SUMS (every file listed, every hash right) and against the bytes and
 * sha256 datapackage.json states for each resource. Each file is hashed once.
 */
export async function checkFiles(dir: string, resources: readonly DataResource[]): Promise<FileCheck> {
  const hashes = new Map<string, Promise<string>>();
  const sha256 = (name: string) => hashes.get(name) ?? hashes.set(name, fileSha256(join(dir, name))).get(name)!;
  const problems: ReleaseProblem[] = [];
  const sumsPath = releasePaths(dir).checksums;
  const lines = existsSync(sumsPath) ? (await readFile(sumsPath, "utf8")).split("\n").filter((l) => l.length > 0) : null;
  if (!lines) problems.push({ file: "SHA256SUMS", what: "missing" });
  const listed = new Set<string>();
  for (const [i, line] of (lines ?? []).entries()) {
    const match = SUM_LINE.exec(line);
    if (!match) {
      problems.push({ file: "SHA256SUMS", what: `line ${i + 1} is not "<sha256>  <file>"`, found: line.slice(0, 80) });
      continue;
    }
    const [, hash, name] = match as unknown as [string, string, string];
    listed.add(name);
    if (!existsSync(join(dir, name))) problems.push({ file: name, what: "missing (listed in SHA256SUMS)" });
    else if ((await sha256(name)) !== hash) problems.push({ file: name, what: "sha256 (SHA256SUMS)", expected: hash, found: await sha256(name) });
  }
  for (const name of await filesUnder(dir)) {
    if (lines && name !== "SHA256SUMS" && !listed.has(name)) problems.push({ file: name, what: "not listed in SHA256SUMS" });
  }
  for (const r of resources) {
    if (!existsSync(join(dir, r.path))) {
      if (!listed.has(r.path)) problems.push({ file: r.path, what: `missing (resource ${r.name} of datapackage.json)` });
      continue;
    }
    const bytes = (await stat(join(dir, r.path))).size;
    if (bytes !== r.bytes) problems.push({ file: r.path, what: "bytes (datapackage.json)", expected: String(r.bytes), found: String(bytes) });
    const hash = await sha256(r.path);
    if (`sha256:${hash}` !== r.hash) problems.push({ file: r.path, what: "sha256 (datapackage.json)", expected: r.hash.slice(7), found: hash });
  }
  return { listed: listed.size, problems };
}
