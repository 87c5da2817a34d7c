import type { TableDef } from "../../schemas/column.ts";
import { sha256Hex } from "../lib/hash.ts";
import { dataDictionary } from "./data-dictionary.ts";
import { datapackage, type FileFacts } from "./datapackage.ts";
import type { DatasetInfo } from "./dataset-info.ts";
import { describeColumns } from "./describe-columns.ts";
import { toArrow } from "./to-arrow.ts";
import { toCsv } from "./to-csv.ts";

export type TableRows = ReadonlyArray<Record<string, unknown>>;

const encoder = new TextEncoder();

/** Pure: validated tables in, every release file's bytes out, keyed by file name. */
export function buildRelease(info: DatasetInfo, defs: readonly TableDef[], rows: Readonly<Record<string, TableRows>>): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const described = defs.map((def) => {
    const columns = describeColumns(def);
    const tableRows = rows[def.name] ?? [];
    const ordered = tableRows.map((r) => Object.fromEntries(columns.map((c) => [c.name, r[c.name] ?? null])));
    files.set(`${def.name}.csv`, encoder.encode(toCsv(columns, ordered)));
    files.set(`${def.name}.json`, encoder.encode(JSON.stringify(ordered, null, 1) + "\n"));
    files.set(`${def.name}.arrow`, toArrow(columns, ordered, { table: def.name, description: def.description, version: info.version }));
    return { def, columns, rows: ordered.length };
  });
  const facts = new Map<string, FileFacts>(
    [...files].map(([path, bytes]) => [path, { path, bytes: bytes.length, sha256: sha256Hex(bytes) }]),
  );
  files.set("datapackage.json", encoder.encode(JSON.stringify(datapackage(info, described, facts), null, 2) + "\n"));
  files.set("DATA_DICTIONARY.md", encoder.encode(dataDictionary(info, described)));
  const sums = [...files.keys()].sort().map((name) => `${sha256Hex(files.get(name)!)}  ${name}`).join("\n") + "\n";
  files.set("SHA256SUMS", encoder.encode(sums));
  return files;
}
