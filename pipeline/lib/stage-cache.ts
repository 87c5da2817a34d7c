import { codeVersion } from "./code-version.ts";
import type { FileHashes } from "./file-hashes.ts";
import { readWholeFile, writeFileAtomic, writeJson } from "./files.ts";
import { sha256Hex } from "./hash.ts";
import { linkFile } from "./link-file.ts";

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
  /** The modules whose import graph is the stage's code: its own and its pool task's. */
  code: readonly URL[];
  /** Everything besides the input and the code that changes the output (not the job count). */
  config?: unknown;
  /** How outputs are hashed: a cache entry is trusted by its content's hash, taken again when the file changed. */
  fileHashes: FileHashes;
  /**
   * Where else, by an output's path, the same output may be (a merge's shard builds). A current one there is linked
   * into place with its sidecar, so it is not computed again.
   */
  elsewhere?: (output: string) => Promise<readonly string[]>;
}

/** JSON with sorted keys, so equal configurations hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

const sidecarPath = (output: string) => `${output}.meta.json`;

async function readSidecar<S>(output: string): Promise<Sidecar<S> | null> {
  try {
    return JSON.parse((await readWholeFile(sidecarPath(output))).toString("utf8")) as Sidecar<S>;
  } catch {
    return null;
  }
}

/**
 * A per-article cache for one stage run: an output is reused when its sidecar records the same input hash,
 * stage code version and configuration, and the output's content still has the recorded hash.
 */
export async function openStageCache({ code, config = {}, elsewhere, fileHashes }: StageCacheOptions): Promise<StageCache> {
  const version = await codeVersion(code);
  const configSha256 = sha256Hex(canonicalJson(config));
  const stats = { hits: 0, misses: 0 };
  const stamp = (inputSha256: string): CacheStamp => ({ input_sha256: inputSha256, code_version: version, config_sha256: configSha256 });
  const current = async <S>(output: string, inputSha256: string) => {
    const sidecar = await readSidecar<S>(output);
    const fits =
      sidecar !== null &&
      sidecar.input_sha256 === inputSha256 &&
      sidecar.code_version === version &&
      sidecar.config_sha256 === configSha256 &&
      // Gone or unreadable: a miss.
      (await fileHashes.sha256(output).catch(() => null)) === sidecar.output_sha256;
    return fits ? sidecar : null;
  };
  return {
    codeVersion: version,
    stats,
    stamp,
    async lookup<S>(output: string, inputSha256: string) {
      let sidecar = await current<S>(output, inputSha256);
      if (!sidecar && elsewhere) {
        for (const other of await elsewhere(output)) {
          sidecar = await current<S>(other, inputSha256);
          if (!sidecar) continue;
          await linkFile(other, output);
          await linkFile(sidecarPath(other), sidecarPath(output));
          break;
        }
      }
      if (sidecar) stats.hits++;
      else stats.misses++;
      return sidecar;
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
