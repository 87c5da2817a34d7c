import { existsSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot } from "./paths.ts";
import { writeFileAtomic, writeJson } from "./files.ts";
import { sha256Hex } from "./hash.ts";

/** What an output was built from; all three must match for the output to be reused. */
export interface CacheStamp {
  input_sha256: string;
  code_version: string;
  config_sha256: string;
}

/** The small JSON file beside each output (`<output>.meta.json`): its provenance, its hash and what later steps need of it. */
export interface Sidecar<S = unknown> extends CacheStamp {
  output_bytes: number;
  /** Lets the next stage key its own cache on this output's content without reading it again. */
  output_sha256: string;
  /** Whatever the stage's main thread needs about the output (ids, row counts) without reading it. */
  summary: S;
}

export interface StageCache {
  /** Hash of the stage's code (its import graph and data files) and the lockfile. */
  readonly codeVersion: string;
  readonly stats: { hits: number; misses: number };
  /** The stamp an output built now from this input would carry. */
  stamp(inputSha256: string): CacheStamp;
  /** The sidecar when the output exists and was built from this input with this code and config; null means recompute. */
  lookup<S>(output: string, inputSha256: string): Promise<Sidecar<S> | null>;
}

export interface StageCacheOptions {
  /** The stage's entry module: its import graph is the stage's code. */
  entry: URL;
  /** Everything besides the input and the code that changes the output (not the job count). */
  config?: unknown;
}

const DOCUMENTATION = /\.md$/i;
const RELATIVE_IMPORT = /\b(?:from|import)\s*\(?\s*["'](\.\.?\/[^"']+)["']/g;

/** JSON with sorted keys, so equal configurations hash equally. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * A stage's code version: hashes the stage's static import graph (relative imports, followed from the entry module) plus the data
 * files in every folder it visits (lexicons live beside the code that reads them) plus package-lock.json
 * (library versions, e.g. OpenCC's dictionaries, change outputs too). Editing an extractor thus invalidates
 * extract but not normalize; a whole-tree hash would throw away every cache on any edit. Markdown beside the
 * code documents it and changes no output, so editing a README recomputes nothing.
 */
export async function codeVersion(entry: URL): Promise<string> {
  const files = new Set<string>();
  const folders = new Set<string>();
  const pending = [fileURLToPath(entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    folders.add(dirname(file));
    if (!/\.[cm]?[jt]s$/.test(file)) continue;
    for (const [, specifier] of (await readFile(file, "utf8")).matchAll(RELATIVE_IMPORT)) pending.push(resolve(dirname(file), specifier!));
  }
  for (const folder of folders) {
    for (const item of await readdir(folder, { withFileTypes: true })) {
      if (item.isFile() && !/\.[cm]?[jt]s$/.test(item.name) && !DOCUMENTATION.test(item.name)) files.add(join(folder, item.name));
    }
  }
  const lockfile = join(projectRoot, "package-lock.json");
  if (existsSync(lockfile)) files.add(lockfile);
  const digest = await Promise.all(
    [...files].map(async (file) => `${relative(projectRoot, file)}\0${sha256Hex(await readFile(file))}`),
  );
  return sha256Hex(digest.sort().join("\n")).slice(0, 16);
}

const sidecarPath = (output: string) => `${output}.meta.json`;

async function readSidecar<S>(output: string): Promise<Sidecar<S> | null> {
  try {
    return JSON.parse(await readFile(sidecarPath(output), "utf8")) as Sidecar<S>;
  } catch {
    return null;
  }
}

async function sizeOf(path: string): Promise<number | null> {
  return stat(path).then(
    (info) => info.size,
    () => null,
  );
}

/**
 * A per-article cache for one stage run: an output is reused when its sidecar records the same input hash,
 * stage code version and configuration, and the output still has the recorded size.
 */
export async function openStageCache({ entry, config = {} }: StageCacheOptions): Promise<StageCache> {
  const version = await codeVersion(entry);
  const configSha256 = sha256Hex(canonicalJson(config));
  const stats = { hits: 0, misses: 0 };
  const stamp = (inputSha256: string): CacheStamp => ({ input_sha256: inputSha256, code_version: version, config_sha256: configSha256 });
  return {
    codeVersion: version,
    stats,
    stamp,
    async lookup<S>(output: string, inputSha256: string) {
      const sidecar = await readSidecar<S>(output);
      const current =
        sidecar !== null &&
        sidecar.input_sha256 === inputSha256 &&
        sidecar.code_version === version &&
        sidecar.config_sha256 === configSha256 &&
        (await sizeOf(output)) === sidecar.output_bytes;
      if (current) stats.hits++;
      else stats.misses++;
      return current ? sidecar : null;
    },
  };
}

/**
 * Writes an output, then its sidecar, so a crash in between leaves a miss, never a stale hit. A free function:
 * pool workers store what they compute, and the main thread only reads sidecars.
 */
export async function storeOutput<S>(output: string, data: string | Uint8Array, stamp: CacheStamp, summary: S): Promise<Sidecar<S>> {
  await writeFileAtomic(output, data);
  const sidecar: Sidecar<S> = {
    ...stamp,
    output_bytes: typeof data === "string" ? Buffer.byteLength(data) : data.byteLength,
    output_sha256: sha256Hex(data),
    summary,
  };
  await writeJson(sidecarPath(output), sidecar);
  return sidecar;
}
