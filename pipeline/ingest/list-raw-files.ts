import { lstat, readdir } from "node:fs/promises";
import { join } from "node:path";
import { SOURCES_FILE } from "../lib/paths.ts";

export interface Skipped {
  source_file: string;
  reason: string;
}


/**
 * Regular .txt files directly inside the folder, sorted by name; `SOURCES*.md` provenance files apart; links and
 * everything else are reported, not followed.
 */
export async function listRawFiles(dir: string): Promise<{ files: string[]; sources: string[]; skipped: Skipped[] }> {
  const names = (await readdir(dir)).sort();
  const files: string[] = [];
  const sources: string[] = [];
  const skipped: Skipped[] = [];
  for (const name of names) {
    if (name.startsWith(".")) continue;
    const info = await lstat(join(dir, name));
    if (info.isSymbolicLink()) skipped.push({ source_file: name, reason: "symbolic link: not followed out of the raw folder" });
    else if (!info.isFile()) skipped.push({ source_file: name, reason: "not a regular file" });
    else if (SOURCES_FILE.test(name)) sources.push(name);
    else if (!name.toLowerCase().endsWith(".txt")) skipped.push({ source_file: name, reason: "not a .txt file" });
    else files.push(name);
  }
  return { files, sources, skipped };
}
