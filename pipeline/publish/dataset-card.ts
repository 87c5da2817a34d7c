import type { TableDef } from "../../schemas/column.ts";
import type { DatasetInfo } from "./dataset-info.ts";
import type { Column } from "./describe-columns.ts";
import { loadSnippets } from "./load-snippets.ts";

export interface CardTable {
  def: TableDef;
  columns: readonly Column[];
  rows: number;
}

export interface CardOptions {
  /** `make eval`'s report over the release's labelled articles; null when none is labelled. */
  scores: string | null;
  /** The outcome rule told with the release's own first GDP outcome. */
  outcomeExample: string | null;
  /** The first headline targets as a table. */
  sample: string | null;
  /** The release's SQLite file, when it has one. */
  database: string | null;
}

/** Loading the example table: the typed formats first, then its CSV with the schema's types. */
const loaders = (table: string, columns: readonly Column[], database: string | null) => {
  const csv = loadSnippets(table, columns);
  return `\`\`\`python
import pandas as pd                              # pandas with pyarrow
${table} = pd.read_parquet("${table}.parquet")   # codes stay text, lists are lists, nullable integers stay integers
${csv.pandas}
${csv.pandasJson}

import polars as pl                              # polars
${table} = pl.read_parquet("${table}.parquet")${database ? `\n\nimport sqlite3                                   # the one-file database, if you prefer SQL\ndb = sqlite3.connect("${database}")` : ""}
\`\`\`

\`\`\`sql
-- DuckDB, offline: Parquet carries the types
SELECT * FROM '${table}.parquet';
${csv.duckdb}
\`\`\`

\`\`\`r
${table} <- arrow::read_parquet("${table}.parquet")
${csv.r}
${table}_json <- jsonlite::fromJSON("${table}.json")
\`\`\`

\`\`\`js
// nodejs-polars: read a file by its path (readIPC takes bytes, not a path)
const ${table} = pl.readParquet("${table}.parquet");
\`\`\`

Every table's CSV reader with its types is in \`DATA_DICTIONARY.md\`.`;
};

/** One line to cite the release by. */
export const citation = (info: DatasetInfo) =>
  `${info.creators.join(", ")} (${info.released.slice(0, 4)}). *${info.title}*, version ${info.version} [data set]${info.homepage ? `. ${info.homepage}` : ""}.`;

/** The release's README.md: what is in it, how it was made, known limits, how to load it, extraction scores. */
export function datasetCard(info: DatasetInfo, tables: readonly CardTable[], formats: readonly string[], { scores, outcomeExample, sample, database }: CardOptions): string {
  const has = (name: string) => tables.some((t) => t.def.name === name);
  const example = tables.find((t) => t.def.name === "targets") ?? tables.at(-1)!;
  const out = [
    `# ${info.title}`,
    "",
    `Version ${info.version}, released ${info.released}. ${info.description}`,
    "",
    `License: ${info.licenses.map((l) => `[${l.title}](${l.path})`).join(", ")}. Sources: ${info.sources.map((s) => s.title).join("; ")}.`,
    "",
    `Cite as: ${citation(info)}`,
    "",
    "## What is in it",
    "",
    `Every table comes as ${formats.map((f) => `\`.${f}\``).join(", ")}, with the same rows, columns and types, and a JSON Schema of its JSON file (\`<table>.schema.json\`).`,
    "Columns, types, units, allowed values and keys are in `DATA_DICTIONARY.md` and `datapackage.json` (Frictionless Data Package v2); `SHA256SUMS` lists every file's hash; `CHANGES.md` compares the rows with the previous release.",
    "",
    "| table | rows | description |",
    "|---|---:|---|",
    ...tables.map(({ def, rows }) => `| \`${def.name}\` | ${rows} | ${def.description} |`),
    "",
    ...(database ? [`The same tables, with their keys, indexes and a few joined views, are one SQLite database: \`${database}\`.`, ""] : []),
    ...(sample ? ["The first headline targets of this release:", "", sample, ""] : []),
    "`site/` is an explorer page that works offline: pick a place, an indicator, a year or a theme, see the headline targets charted and listed, and click a row for its sentence with the quantity marked. Browsers do not let a page read its data from `file://`, so serve the folder: `python3 -m http.server -d site` and open http://127.0.0.1:8000/.",
    "",
    "## How it was made",
    "",
    "A pipeline of five stages over the raw article files: **ingest** detects each file's encoding and rejects unreadable or duplicate files; " +
      "**normalize** converts to Simplified script, repairs width and mojibake and removes pinyin glosses while keeping a map to the raw characters; " +
      "**extract** builds every table from the normalized text; **validate** checks each row against its schema, then keys, references, offsets and evidence across tables; " +
      "**publish** writes this folder. Every fact carries the sentence it came from and its offsets in the normalized and the raw text. " +
      "The build is deterministic: the same articles and code give byte-identical files, and dates come from the declared release date.",
    "",
    ...(has("headline_targets") && has("target_outcomes")
      ? [
          "## Headline targets and their outcomes",
          "",
          "`headline_targets` is the panel most users want: one row per place (`district_id`), `year`, `indicator` and `unit`, taken from the main expected targets paragraph (主要预期目标) of each report's plan, with the value, comparator and direction, and the `target_id` of the `targets` row that states it (its sentence and offsets). GDP growth and a GDP level of one place and year are two rows (`percent`, `CNY`). Indicator codes are in `indicators`; a metric gets the code of the longest alias it contains, when its unit fits.",
          "",
          "`target_outcomes` links a headline target for year Y to the result that the next later report of the same place states for Y, with the same indicator and unit, measured the same way: a change over the year before (never a multi-year or average rate), a decrease for a decrease target. Nothing is linked where either side is missing. `met` is true when the outcome is at or beyond the target in the indicator's better direction (higher GDP growth, lower CPI or unemployment, a larger cut of energy intensity), false when short of it, and empty for an approx (左右) target missed by no more than 0.5 percentage points (2% of the target for other units). `gap` is outcome − target.",
          ...(outcomeExample ? ["", outcomeExample] : []),
          "",
        ]
      : []),
    "## Licence and rights",
    "",
    ...info.rights.map((r) => `- ${r}`),
    "",
    "## Known limits",
    "",
    ...(info.limits.length > 0 ? info.limits.map((l) => `- ${l}`) : ["None recorded."]),
    "",
    "## Extraction scores",
    "",
    scores?.trimEnd() ?? "No article in this release is in the hand-labelled development set, so this release carries no extraction scores.",
    "",
    "## Load it",
    "",
    "From inside this folder (or the extracted archive):", "", loaders(example.def.name, example.columns, database),
    "",
  ];
  return out.join("\n");
}
