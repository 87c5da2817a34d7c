import type { TableDef } from "../../schemas/column.ts";
import { sha256Hex } from "../lib/hash.ts";
import { changesSince, type PreviousRelease } from "./changes-since.ts";
import { dataDictionary } from "./data-dictionary.ts";
import { datasetCard } from "./dataset-card.ts";
import { datapackage, FORMATS, type FileFacts, type Format } from "./datapackage.ts";
import type { DatasetInfo } from "./dataset-info.ts";
import { describeColumns } from "./describe-columns.ts";
import { toArrow } from "./to-arrow.ts";
import { toCsv } from "./to-csv.ts";
import { toJsonSchema } from "./to-json-schema.ts";
import { toParquet } from "./to-parquet.ts";

export type TableRows = ReadonlyArray<Record<string, unknown>>;

export interface ReleaseOptions {
  /** The release this one is compared with in CHANGES.md; null for the first. */
  previous?: PreviousRelease | null;
  /** Extraction scores (markdown) for the dataset card; null when no article in the release is scored. */
  scores?: string | null;
}

const encoder = new TextEncoder();
const json = (value: unknown) => encoder.encode(JSON.stringify(value, null, 2) + "\n");

/** Pure: validated tables in, every release file's bytes out, keyed by file name. */
export function buildRelease(
  info: DatasetInfo,
  defs: readonly TableDef[],
  rows: Readonly<Record<string, TableRows>>,
  { previous = null, scores = null }: ReleaseOptions = {},
): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const described = defs.map((def) => {
    const columns = describeColumns(def);
    const ordered = (rows[def.name] ?? []).map((r) => Object.fromEntries(columns.map((c) => [c.name, r[c.name] ?? null])));
    const arrow = toArrow(columns, ordered, { table: def.name, description: def.description, version: info.version });
    const formats: Record<Format, Uint8Array> = {
      csv: encoder.encode(toCsv(columns, ordered)),
      json: encoder.encode(JSON.stringify(ordered, null, 1) + "\n"),
      arrow,
      parquet: toParquet(arrow, { createdBy: `${info.name} ${info.version}` }),
    };
    for (const [format, bytes] of Object.entries(formats)) files.set(`${def.name}.${format}`, bytes);
    files.set(`${def.name}.schema.json`, json(toJsonSchema(def)));
    return { def, columns, rows: ordered };
  });
  const facts = new Map<string, FileFacts>(
    [...files].map(([path, bytes]) => [path, { path, bytes: bytes.length, sha256: sha256Hex(bytes) }]),
  );
  const counted = described.map((t) => ({ ...t, rows: t.rows.length }));
  const tableRows = Object.fromEntries(described.map((t) => [t.def.name, t.rows]));
  files.set("datapackage.json", json(datapackage(info, described, facts)));
  files.set("DATA_DICTIONARY.md", encoder.encode(dataDictionary(info, counted)));
  files.set("CHANGES.md", encoder.encode(changesSince(info.version, defs, tableRows, previous)));
  files.set("README.md", encoder.encode(datasetCard(info, counted, Object.keys(FORMATS) as Format[], scores)));
  const sums = [...files.keys()].sort().map((name) => `${sha256Hex(files.get(name)!)}  ${name}`).join("\n") + "\n";
  files.set("SHA256SUMS", encoder.encode(sums));
  return files;
}
