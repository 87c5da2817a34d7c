import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sha256Hex } from "./hash.ts";

/** The project root, so defaults work from any working directory. */
export const projectRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** dataset.json: the dataset's name, version and release date. */
export const datasetInfoPath = join(projectRoot, "dataset.json");
/** package.json: the pipeline's own name and version. */
export const packageJsonPath = join(projectRoot, "package.json");
/** The hand-checked gold files of a gold folder, which make eval and the dataset card score against. */
export function goldPaths(dir: string) {
  const structure = join(dir, "structure");
  return {
    /** Targets of the five articles (targets-dev.csv). */
    targets: join(dir, "targets-dev.csv"),
    /** Parts, report years and headline targets of the corpus, per annotated corpus (sections.A.csv, headline.A.csv …). */
    structure,
    outcomes: join(structure, "outcomes.C.csv"),
  };
}
export type GoldPaths = ReturnType<typeof goldPaths>;
export const goldDir = join(projectRoot, "pipeline", "eval", "gold");
export const goldFiles = goldPaths(goldDir);
/** Where the articles beside it come from (repository, path, commit, licence): read as provenance, not as an article. */
export const SOURCES_FILE = /^SOURCES(?:\.[^.]+)?\.md$/u;

export interface Dirs {
  raw: string;
  build: string;
  dist: string;
}

export const defaultDirs: Dirs = {
  raw: join(projectRoot, "raw"),
  build: join(projectRoot, "build"),
  dist: join(projectRoot, "dist"),
};

/** The files of a dist folder: each release's folder and archive, and the index of releases. */
export function distPaths(dist: string) {
  const folder = (version: string) => `v${version}`;
  const archiveName = (name: string, version: string) => `${name}-${folder(version)}.tar.gz`;
  return {
    releasesIndex: join(dist, "releases.json"),
    /** The release folder's name inside dist (v0.4.0). */
    releaseFolder: folder,
    release: (version: string) => join(dist, folder(version)),
    archiveName,
    archive: (name: string, version: string) => join(dist, archiveName(name, version)),
  };
}

/** The files of a release folder that describe and check the others. */
export function releasePaths(dir: string) {
  return {
    datapackage: join(dir, "datapackage.json"),
    checksums: join(dir, "SHA256SUMS"),
    citation: join(dir, "CITATION.cff"),
  };
}

/**
 * The name of a raw file's decoded text in the build: a hash of the raw name, so that any name the raw folder can
 * hold (up to 255 bytes) leaves room for the suffixes the build adds (.meta.json, temporary files).
 */
export const ingestFileName = (sourceFile: string) => `${sha256Hex(sourceFile).slice(0, 16)}.txt`;

/** Every path a stage reads or writes; nobody else spells out build/… by hand. */
export function buildPaths(dirs: Dirs) {
  const stage = (name: string) => join(dirs.build, name);
  return {
    ...distPaths(dirs.dist),
    raw: dirs.raw,
    /** The folder of a stage's manifests, tables and report (its per-article outputs are in folders below it). */
    stageFolder: stage,
    /** What the runner recorded of a stage's last finished run: its key and its outputs' hashes. */
    stageRecord: (name: string) => join(stage(name), "stage.json"),
    /** The hashes of the files a stage's last run read and wrote, by their identity then (file-hashes.ts). */
    stageFileHashes: (name: string) => join(stage(name), "file-hashes.json"),
    /** How long the slowest articles of a stage's last run took: what the run summary shows. */
    stageTimings: (name: string) => join(stage(name), "timings.json"),
    ingestManifest: join(stage("ingest"), "articles.jsonl"),
    /** The files a stage left out, with why (`Rejection` lines); the rejection report gathers every stage's. */
    rejections: (name: string) => join(stage(name), "rejections.json"),
    rejectionReport: join(dirs.build, "rejections.json"),
    /** What the SOURCES.*.md beside the raw files list, one line per listed file. */
    ingestSources: join(stage("ingest"), "sources.jsonl"),
    /** Decoded text per raw file (empty for a rejected one), each with its cache sidecar. */
    ingestFiles: join(stage("ingest"), "files"),
    ingestText: (sourceFile: string) => join(stage("ingest"), "files", ingestFileName(sourceFile)),
    normalizeManifest: join(stage("normalize"), "articles.jsonl"),
    normalizedArticles: join(stage("normalize"), "articles"),
    normalizedArticle: (articleId: string) => join(stage("normalize"), "articles", `${articleId}.json`),
    extractedArticles: join(stage("extract"), "articles"),
    extractedArticle: (articleId: string) => join(stage("extract"), "articles", `${articleId}.json`),
    extractTable: (table: string) => join(stage("extract"), `${table}.jsonl`),
    validateReport: join(stage("validate"), "report.json"),
    validateTextChecks: join(stage("validate"), "text-checks.json"),
  };
}

export type BuildPaths = ReturnType<typeof buildPaths>;
