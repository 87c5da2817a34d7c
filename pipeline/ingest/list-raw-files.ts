import { isUtf8 } from "node:buffer";
import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import { SOURCES_FILE } from "../lib/paths.ts";
import { INVISIBLE_CHAR } from "../text/invisible.ts";

export interface Skipped {
  source_file: string;
  reason: string;
}

const INVISIBLE = new RegExp(INVISIBLE_CHAR, "u");

/**
 * A name as a table can show it: each character as itself but an invisible one (a line break, a bidi control),
 * which shows as \u{HHHH}, and each byte that is not UTF-8, which shows as \xHH.
 */
function escapeName(bytes: Buffer): string {
  let out = "";
  for (let i = 0; i < bytes.length; ) {
    const width = [1, 2, 3, 4].find((w) => i + w <= bytes.length && isUtf8(bytes.subarray(i, i + w)));
    const char = width ? bytes.toString("utf8", i, i + width) : null;
    if (char === null) out += `\\x${bytes[i]!.toString(16).toUpperCase().padStart(2, "0")}`;
    else out += INVISIBLE.test(char) ? `\\u{${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}}` : char;
    i += width ?? 1;
  }
  return out;
}

/** Why a name cannot name a published article, or null: every table would show it otherwise than it is. */
function unshowable(bytes: Buffer): string | null {
  if (!isUtf8(bytes)) return "file name is not valid UTF-8 (its other bytes shown as \\xHH): not read";
  if (INVISIBLE.test(bytes.toString("utf8"))) return "file name holds an invisible character, a control or format character such as a bidi control (shown as \\u{HHHH}): not read";
  return null;
}

/** What an entry that is neither a file nor a link is. */
const kindOf = (info: Dirent<Buffer>) =>
  info.isDirectory() ? "a folder (raw files are read from the top level only)" : info.isFIFO() ? "a named pipe (FIFO)" : info.isSocket() ? "a socket" : "a device";

/**
 * Regular .txt files directly inside the folder, sorted by name; `SOURCES*.md` provenance files apart. Every other
 * entry is reported with why it is not read: a name that no table could show as it is (not UTF-8, or holding an
 * invisible character), a hidden file, a link (not followed), anything that is not a regular .txt file.
 */
export async function listRawFiles(dir: string): Promise<{ files: string[]; sources: string[]; skipped: Skipped[] }> {
  // Each entry's kind comes with the listing (as lstat gives it, for a file system that does not say): one
  // lstat per file, awaited in turn, took 0.1 s per 1,000 files, twice a run.
  const entries = (await readdir(dir, { encoding: "buffer", withFileTypes: true }))
    .map((info) => ({ info, name: escapeName(info.name), unshown: unshowable(info.name) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  const sources: string[] = [];
  const skipped: Skipped[] = [];
  for (const { info, name, unshown } of entries) {
    if (unshown) {
      skipped.push({ source_file: name, reason: unshown });
      continue;
    }
    if (name.startsWith(".")) {
      skipped.push({ source_file: name, reason: "hidden file (name starts with a dot): not read" });
      continue;
    }
    if (info.isSymbolicLink()) skipped.push({ source_file: name, reason: "symbolic link: not followed out of the raw folder" });
    else if (!info.isFile()) skipped.push({ source_file: name, reason: `not a regular file: ${kindOf(info)}` });
    else if (SOURCES_FILE.test(name)) sources.push(name);
    else if (!name.toLowerCase().endsWith(".txt")) skipped.push({ source_file: name, reason: "not a .txt file" });
    else files.push(name);
  }
  return { files, sources, skipped };
}
