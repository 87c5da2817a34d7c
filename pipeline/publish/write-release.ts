import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { list } from "tar";
import { fileSha256, filesUnder } from "../lib/files.ts";
import { writeHashedFile } from "../lib/hashed-file.ts";
import { atPath } from "../lib/io-error.ts";
import { lockFolder } from "../lib/lock-folder.ts";
import { distPaths } from "../lib/paths.ts";
import { PipelineError } from "../lib/pipeline-error.ts";
import { requireFreeSpace } from "../lib/require-free-space.ts";
import { compareVersions } from "./compare-versions.ts";
import type { DatasetInfo } from "./dataset-info.ts";
import { writeArchive, type ArchiveFacts } from "./write-archive.ts";

export interface ReleaseEntry {
  version: string;
  released: string;
  path: string;
  archive: ArchiveFacts;
}

export interface PublishOptions {
  /** Free space the release takes while it is staged (folder and archive); 0 when unknown. */
  bytesNeeded?: number;
  log?: (message: string) => void;
}

/** What a publish made visible: nothing (the release was there, whole), all of it, or the parts it restored. */
export type PublishOutcome = { kind: "unchanged" } | { kind: "written" } | { kind: "repaired"; restored: string[] };

/** Every publish stages inside dist under this prefix, so that each part moves into place by an atomic rename. */
const STAGING = ".publish-";

type Hashes = ReadonlyMap<string, string>;

const exists = (path: string) => stat(path).then(() => true, () => false);

/** The files under a folder (a release with its site/), by path relative to it, as their hashes. */
async function folderHashes(dir: string): Promise<Hashes> {
  const names = await filesUnder(dir);
  return new Map(await Promise.all(names.map(async (n) => [n, await fileSha256(join(dir, n))] as const)));
}

/** The files of the release folder inside an archive, by name, as their hashes (reading is fast; gzip -9 is not). */
async function archiveHashes(file: string, releaseDir: string): Promise<Hashes> {
  const hashes = new Map<string, string>();
  await list({
    file,
    onReadEntry: (entry) => {
      if (entry.type !== "File") return;
      const hash = createHash("sha256");
      entry.on("data", (chunk: Buffer) => hash.update(chunk));
      entry.on("end", () => hashes.set(entry.path.slice(releaseDir.length + 1), hash.digest("hex")));
    },
  });
  return hashes;
}

/** Names missing from either side or with other contents, sorted. */
function differences(published: Hashes, next: Hashes): string[] {
  return [...new Set([...published.keys(), ...next.keys()])].sort().filter((n) => published.get(n) !== next.get(n));
}

/** The staged folder's hashes, once every file is listed in its SHA256SUMS with its hash and nothing else is. */
async function checkSums(dir: string): Promise<Hashes> {
  const files = await folderHashes(dir);
  const lines = (await readFile(join(dir, "SHA256SUMS"), "utf8")).trim().split("\n");
  const listed = new Map(lines.map((line) => line.split("  ").reverse() as [string, string]));
  const wrong = differences(listed, new Map([...files].filter(([name]) => name !== "SHA256SUMS")));
  if (wrong.length > 0) throw new PipelineError(`the release staged in ${dir} does not match its SHA256SUMS (${wrong.join(", ")}); nothing was published`);
  return files;
}

const refuse = (version: string, distDir: string, what: string) =>
  new PipelineError(`release v${version} already exists in ${distDir} and this build differs in ${what}; a published release is immutable: bump "version" in dataset.json`);

const indexText = (entries: readonly ReleaseEntry[]) => JSON.stringify(entries, null, 2) + "\n";

type Parts = Record<"archive" | "sum" | "folder" | "index", string>;

/** What dist holds of the version: its releases.json entry, its archive's hash (whole: the one recorded), its folder. */
async function readPublished(visible: Parts, version: string) {
  const index = await readFile(visible.index, "utf8").catch(() => null);
  const entries: ReleaseEntry[] = JSON.parse(index ?? "[]");
  const listed = entries.find((e) => e.version === version) ?? null;
  const archiveSha = await fileSha256(visible.archive).catch(() => null);
  const archiveWhole = archiveSha !== null && (listed === null || listed.archive.sha256 === archiveSha);
  const folder = (await exists(visible.folder)) ? await folderHashes(visible.folder) : null;
  return { index, entries, listed, archiveSha: archiveWhole ? archiveSha : null, folder };
}

/**
 * Publishes dist/v<version>/ as one transaction, under the dist folder's lock:
 * 1. removes what an interrupted publish staged, and refuses when the disk has less than `bytesNeeded` free;
 * 2. stages the folder (`build` writes it), its archive, checksum and the next releases.json in a hidden folder
 *    of dist, and checks the folder against its SHA256SUMS;
 * 3. keeps the release's identity: a version that releases.json lists, or whose archive or folder is there,
 *    must come out byte for byte as published (a deleted folder changes nothing), or nothing is published;
 * 4. makes each missing or damaged part visible by an atomic rename, in the order archive, checksum, folder,
 *    releases.json (last, so a reader that trusts it finds the rest whole), so a rerun completes what an
 *    interrupted run left. A whole published archive is kept: its files are compared, not compressed again.
 */
export async function writeRelease(distDir: string, info: DatasetInfo, build: (dir: string) => Promise<unknown>, { bytesNeeded = 0, log = () => {} }: PublishOptions = {}): Promise<PublishOutcome> {
  const where = distPaths(distDir);
  const dir = where.releaseFolder(info.version);
  const name = where.archiveName(info.name, info.version);
  const visible: Parts = { archive: join(distDir, name), sum: join(distDir, `${name}.sha256`), folder: join(distDir, dir), index: where.releasesIndex };
  return lockFolder(distDir, "publish", log, async () => {
    // Under the lock, every staging folder is one an interrupted run left.
    for (const entry of await readdir(distDir)) if (entry.startsWith(STAGING)) await rm(join(distDir, entry), { recursive: true, force: true });
    const published = await readPublished(visible, info.version);
    const { listed } = published;
    if (listed && listed.released !== info.released) throw refuse(info.version, distDir, `its release date (${info.released}, published ${listed.released})`);
    await requireFreeSpace(distDir, bytesNeeded, `publishing v${info.version}`);
    const staging = await atPath("creating a staging folder in", distDir, () => mkdtemp(join(distDir, STAGING)));
    const staged: Parts = { archive: join(staging, name), sum: join(staging, `${name}.sha256`), folder: join(staging, dir), index: join(staging, "releases.json") };
    try {
      await atPath("creating", staged.folder, () => mkdir(staged.folder));
      await build(staged.folder);
      const files = await checkSums(staged.folder);
      // The archive releases.json records is the identity; the folder stands for it where that archive is not whole.
      const identity = published.archiveSha ? await archiveHashes(visible.archive, dir) : published.folder;
      const changed = identity ? differences(identity, files) : [];
      if (changed.length > 0) throw refuse(info.version, distDir, changed.join(", "));
      const archive = published.archiveSha
        ? { path: name, bytes: (await stat(visible.archive)).size, sha256: published.archiveSha }
        : await writeArchive(staging, dir, name, info.released);
      if (listed && listed.archive.sha256 !== archive.sha256) throw refuse(info.version, distDir, `its archive (sha256 ${archive.sha256}, published ${listed.archive.sha256})`);
      const sum = `${archive.sha256}  ${name}\n`;
      const entry: ReleaseEntry = { version: info.version, released: info.released, path: `${dir}/`, archive };
      const index = indexText([...published.entries.filter((e) => e !== listed), entry].sort((a, b) => compareVersions(a.version, b.version)));
      // Everything is staged before the first rename: a full disk stops a publish only while nothing shows.
      await writeHashedFile(staged.sum, sum);
      await writeHashedFile(staged.index, index);

      const restored: string[] = [];
      const put = async (part: keyof Parts) => {
        // A damaged folder is set aside first: a folder cannot be renamed over another.
        if (part === "folder" && published.folder) await atPath("setting aside", visible.folder, () => rename(visible.folder, join(staging, "damaged")));
        await atPath("publishing", visible[part], () => rename(staged[part], visible[part]));
        restored.push(part === "folder" ? `${dir}/` : visible[part].slice(distDir.length + 1));
      };
      if (!published.archiveSha) await put("archive");
      if ((await readFile(visible.sum, "utf8").catch(() => null)) !== sum) await put("sum");
      if (!published.folder || differences(published.folder, files).length > 0) await put("folder");
      if (published.index !== index) await put("index");
      if (restored.length === 0) return { kind: "unchanged" };
      const fresh = !listed && !published.archiveSha && !published.folder;
      return fresh ? { kind: "written" } : { kind: "repaired", restored };
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  });
}
