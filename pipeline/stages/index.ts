import { tables } from "../../schemas/index.ts";
import { datasetInfoPath, goldDir } from "../lib/paths.ts";
import { readDatasetInfo } from "../publish/dataset-info.ts";
import type { Stage } from "./stage.ts";

const extractTables = (paths: Parameters<Stage["inputs"]>[0]) => tables.map((t) => paths.extractTable(t.name));

/** The stages in order; each reads the output of the one before, named by paths.ts. */
export const stages: readonly Stage[] = [
  {
    name: "ingest",
    description: "list raw .txt files, detect encodings, give each article a content id, reject bad files",
    sharded: true,
    module: new URL("./ingest.ts", import.meta.url),
    // The listing itself (links, other files) is part of what the rejection report says.
    inputs: (paths) => [paths.raw],
    outputs: (paths) => [paths.ingestManifest, paths.rejections("ingest"), paths.ingestSources],
  },
  {
    name: "normalize",
    description: "repair copies, strip pinyin, repair mojibake, fix widths and whitespace, move bylines to metadata and drop page chrome, convert to Simplified, split into blocks, sentences and parts",
    sharded: true,
    module: new URL("./normalize.ts", import.meta.url),
    inputs: (paths) => [paths.ingestManifest],
    outputs: (paths) => [paths.normalizeManifest, paths.rejections("normalize")],
  },
  {
    name: "extract",
    description: "resolve districts, score themes, extract targets, match indicators, build the headline panel and outcomes",
    sharded: true,
    module: new URL("./extract.ts", import.meta.url),
    inputs: (paths) => [paths.normalizeManifest, paths.ingestSources],
    outputs: (paths) => [...extractTables(paths), paths.rejections("extract")],
  },
  {
    name: "validate",
    description: "check rows against the zod schemas, then keys, references, offsets and evidence; write a report",
    module: new URL("./validate.ts", import.meta.url),
    inputs: (paths) => [paths.normalizeManifest, ...extractTables(paths)],
    outputs: (paths) => [paths.validateReport],
  },
  {
    name: "publish",
    description: "write dist/v<version>/ (CSV, JSON, Arrow, Parquet per table; datapackage.json, data dictionary, card, CHANGES.md) and its archive",
    module: new URL("./publish.ts", import.meta.url),
    // The normalized articles (by their manifest) and the gold sets feed the card's scores.
    inputs: (paths) => [paths.validateReport, datasetInfoPath, goldDir, paths.normalizeManifest, ...extractTables(paths)],
    outputs: (paths) => {
      const { name, version } = readDatasetInfo();
      return [paths.release(version), paths.archive(name, version), `${paths.archive(name, version)}.sha256`, paths.releasesIndex];
    },
  },
];
