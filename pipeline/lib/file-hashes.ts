import { lstat, readFile } from "node:fs/promises";
import type { Stats } from "node:fs";
import { fileSha256, readWholeFile, writeFileAtomic } from "./files.ts";
import { sha256Hex } from "./hash.ts";

/** Files up to this size are hashed from one read rather than a stream. */
const WHOLE_FILE_BYTES = 1 << 20;

/**
 * How old a file's last change must be when it is hashed for the hash to be remembered. A change stamps a file with
 * the kernel's coarse clock (a few ms on Linux, up to 2 s on FAT or HFS+): an edit within the same tick as the one
 * before could leave every stamp as it was, so a hash is remembered only once no such tick can still be going on.
 */
export const SETTLED_MS = 2000;

/**
 * What identifies the state of a file's content without reading it: its device and inode (a file replaced by a
 * rename is another), its size, and its modification and change times. A write changes the change time, and no
 * program can set it back (only the modification time can be), so an edit that keeps the size and restores the
 * modification time is still seen.
 */
const identity = (s: Stats) => `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;

/** A file's remembered hash: [identity, sha256]. */
type Known = [string, string];

export interface FileHashes {
  /**
   * The file's SHA-256, read again only when its identity changed since it was remembered; throws as a read does.
   * `given`: the file's lstat, when the caller has it.
   */
  sha256(path: string, given?: Stats): Promise<string>;
  /** Hashes taken from memory, and files read to hash them. */
  readonly stats: { remembered: number; read: number };
  /** Writes the hashes this run asked for and could remember, so the next run starts from them. */
  save(): Promise<void>;
}

async function load(file: string): Promise<Map<string, Known>> {
  try {
    const entries = Object.entries(JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>);
    return new Map(entries.filter((e): e is [string, Known] => Array.isArray(e[1]) && e[1].length === 2 && e[1].every((v) => typeof v === "string")));
  } catch {
    // Missing or unreadable: every file is read once, as on a first run.
    return new Map();
  }
}

/**
 * The hashes of the files a stage reads and writes, remembered in `file` between runs, as git's index and Bazel's
 * digest cache remember them: a no-op rebuild then stats its files instead of reading them all (at N = 20,000 it
 * read the raw folder twice and every per-article output once). `now` is for tests.
 */
export async function openFileHashes(file: string, now: () => number = Date.now): Promise<FileHashes> {
  const known = await load(file);
  const used = new Map<string, Known>();
  const stats = { remembered: 0, read: 0 };
  return {
    stats,
    async sha256(path, given) {
      const info = given ?? (await lstat(path));
      const id = identity(info);
      const entry = known.get(path);
      if (entry && entry[0] === id) {
        stats.remembered++;
        used.set(path, entry);
        return entry[1];
      }
      const sha256 = info.size <= WHOLE_FILE_BYTES ? sha256Hex(await readWholeFile(path)) : await fileSha256(path);
      stats.read++;
      // A change while it was read gives the file another identity than the one remembered, so it is read again
      // next time; a change too recent for the clock to have moved since could leave the identity as it is.
      if (now() - Math.max(info.mtimeMs, info.ctimeMs) > SETTLED_MS) {
        known.set(path, [id, sha256]);
        used.set(path, [id, sha256]);
      }
      return sha256;
    },
    async save() {
      const sorted = [...used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      await writeFileAtomic(file, JSON.stringify(Object.fromEntries(sorted)) + "\n");
    },
  };
}
