import type { TableDef } from "../../schemas/column.ts";
import { schemaChanges } from "./schema-changes.ts";

type Row = Record<string, unknown>;

/** A table of the previous release: its rows (from its JSON file) and its Table Schema fields. */
export interface PreviousTable {
  rows: readonly Row[];
  fields: ReadonlyArray<{ name: string; type: string }>;
}

/** The release before this one; a table it did not publish is absent. */
export interface PreviousRelease {
  version: string;
  tables: Readonly<Record<string, PreviousTable>>;
}

const keyOf = (row: Row, fields: readonly string[]) => JSON.stringify(fields.map((f) => row[f] ?? null));
/** Column order does not count as a change; values do. */
const canonical = (row: Row) => JSON.stringify(Object.keys(row).sort().map((k) => [k, row[k] ?? null]));

function diff(primaryKey: readonly string[], current: readonly Row[], previous: readonly Row[]) {
  const before = new Map(previous.map((r) => [keyOf(r, primaryKey), canonical(r)]));
  const after = new Set<string>();
  let added = 0;
  let changed = 0;
  for (const row of current) {
    const key = keyOf(row, primaryKey);
    after.add(key);
    const old = before.get(key);
    if (old === undefined) added++;
    else if (old !== canonical(row)) changed++;
  }
  const removed = [...before.keys()].filter((k) => !after.has(k)).length;
  return { added, removed, changed, unchanged: current.length - added - changed };
}

/** CHANGES.md: rows added, removed and changed per table against the previous release, by primary key, and schema changes. */
export function changesSince(version: string, defs: readonly TableDef[], rows: Readonly<Record<string, readonly Row[]>>, previous: PreviousRelease | null): string {
  const out = [`# Changes in v${version}`, ""];
  if (!previous) {
    out.push("First release in this folder: every row is new.", "", "| table | rows |", "|---|---:|");
    for (const def of defs) out.push(`| \`${def.name}\` | ${(rows[def.name] ?? []).length} |`);
    return out.join("\n") + "\n";
  }
  const schema = schemaChanges(defs, previous);
  out.push(
    `Against v${previous.version}, row by row by primary key. A changed row kept its key and has a different value in at least one column.`,
    "",
    "| table | added | removed | changed | unchanged | schema |",
    "|---|---:|---:|---:|---:|---|",
  );
  const notes = (table: string) =>
    schema.filter((c) => c.table === table).map((c) => (c.column ? `${c.change} \`${c.column}\`` : c.change)).join("; ");
  for (const def of defs) {
    const d = diff(def.primaryKey, rows[def.name] ?? [], previous.tables[def.name]?.rows ?? []);
    out.push(`| \`${def.name}\` | ${d.added} | ${d.removed} | ${d.changed} | ${d.unchanged} | ${notes(def.name)} |`);
  }
  for (const c of schema.filter((c) => c.change === "table-removed")) {
    out.push(`| \`${c.table}\` | 0 | ${previous.tables[c.table]!.rows.length} | 0 | 0 | table-removed |`);
  }
  return out.join("\n") + "\n";
}
