import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { sha256Hex } from "./hash.ts";
import { projectRoot } from "./paths.ts";

/** The project files (and lockfile) an import graph reached when esbuild last walked it, and their version then. */
const walked = new Map<string, { files: string[]; version: string }>();

/** The version of these files as they are now: a hash of each one's path and content. */
async function versionOf(files: readonly string[]): Promise<string> {
  const digest = await Promise.all(files.map(async (file) => `${relative(projectRoot, file)}\0${sha256Hex(await readFile(file))}`));
  return sha256Hex(digest.sort().join("\n")).slice(0, 16);
}

/** Every project file the entries' real import graph reaches, as esbuild resolves it for a bundle, and the lockfile. */
async function importGraph(entries: readonly URL[]): Promise<string[]> {
  const result = await build({
    entryPoints: entries.map((e) => fileURLToPath(e)),
    absWorkingDir: projectRoot,
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    outdir: "unused",
    // Libraries are pinned by the lockfile; only project files are read.
    packages: "external",
    logLevel: "silent",
  });
  const files = Object.keys(result.metafile.inputs)
    .map((input) => resolve(projectRoot, input))
    .filter((file) => !file.split(sep).includes("node_modules"));
  const lockfile = join(projectRoot, "package-lock.json");
  if (existsSync(lockfile)) files.push(lockfile);
  return files;
}

/**
 * The version of some modules' code: a hash of every project file their real import graph reaches, as esbuild
 * resolves it for a bundle (static and dynamic imports and imported data files; type-only imports change no
 * output and are left out), and of package-lock.json (library versions,
 * e.g. OpenCC's dictionaries, change outputs too). Editing an extractor thus changes extract's version but not
 * normalize's; Markdown beside the code is never imported, so a README edit recomputes nothing.
 *
 * A graph walked once in this process is walked again only when one of its files changed (imports are in the
 * files, so unchanged files import the same): a run asks for each stage's version two or three times, and the
 * walk took about 20 ms of esbuild's CPU each time (225 times in a test run).
 */
export async function codeVersion(entries: readonly URL[]): Promise<string> {
  const key = entries.map((e) => e.href).join("\n");
  const known = walked.get(key);
  // A file of the graph that is gone makes it walked again.
  if (known && (await versionOf(known.files).catch(() => null)) === known.version) return known.version;
  const files = await importGraph(entries);
  const version = await versionOf(files);
  walked.set(key, { files, version });
  return version;
}
