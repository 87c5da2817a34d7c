import type { Stage } from "./stage.ts";

/** The stages in order; each reads the output of the one before. */
export const stages: readonly Stage[] = [
  {
    name: "ingest",
    description: "list raw .txt files, detect encodings, give each article a content id, reject bad files",
    load: () => import("./ingest.ts"),
  },
  {
    name: "normalize",
    description: "strip pinyin, repair mojibake, fix widths and whitespace, move bylines to metadata and drop page chrome, convert to Simplified, split into blocks and sentences",
    reads: "ingest",
    load: () => import("./normalize.ts"),
  },
  {
    name: "extract",
    description: "resolve districts, score themes and extract targets per article",
    reads: "normalize",
    load: () => import("./extract.ts"),
  },
  {
    name: "validate",
    description: "check rows against the zod schemas, then keys, references, offsets and evidence; write a report",
    reads: "extract",
    load: () => import("./validate.ts"),
  },
  {
    name: "publish",
    description: "write dist/v<version>/ (CSV, JSON, Arrow, Parquet per table; datapackage.json, data dictionary, card, CHANGES.md) and its archive",
    reads: "validate",
    load: () => import("./publish.ts"),
  },
];
