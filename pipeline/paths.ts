import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root, so defaults work from any working directory. */
export const projectRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));

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

/** Every path a stage reads or writes; nobody else spells out build/… by hand. */
export function buildPaths(dirs: Dirs) {
  const stage = (name: string) => join(dirs.build, name);
  return {
    ingestManifest: join(stage("ingest"), "articles.jsonl"),
    ingestRejections: join(stage("ingest"), "rejections.json"),
    ingestText: (articleId: string) => join(stage("ingest"), "text", `${articleId}.txt`),
    normalizeManifest: join(stage("normalize"), "articles.jsonl"),
    normalizedArticle: (articleId: string) => join(stage("normalize"), "articles", `${articleId}.json`),
    extractTable: (table: string) => join(stage("extract"), `${table}.jsonl`),
    validateReport: join(stage("validate"), "report.json"),
    release: (version: string) => join(dirs.dist, `v${version}`),
    releasesIndex: join(dirs.dist, "releases.json"),
  };
}

export type BuildPaths = ReturnType<typeof buildPaths>;
