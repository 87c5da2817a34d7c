import { createHash } from "node:crypto";
import type { TableDef } from "../../schemas/column.ts";
import { keyOf } from "../lib/row-key.ts";
import type { SchemaChange } from "./schema-changes.ts";

type Row = Record<string, unknown>;


export interface DiffCounts {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
}

/** Column order does not count as a change; values do. A digest stands for the row, so memory stays small. */
const digest = (row: Row) =>
  createHash("sha256").update(JSON.stringify(Object.keys(row).sort().map((k) => [k, row[k] ?? null]))).digest("base64");

/** Rows added, removed and changed by primary key against a previous table, fed one current row at a time. */
export class RowDiff {
  private readonly seen = new Set<string>();
  private added = 0;
  private changed = 0;
  private rows = 0;

  private constructor(private readonly primaryKey: readonly string[], private readonly before: ReadonlyMap<string, string>) {}

  static async against(primaryKey: readonly string[], previous: AsyncIterable<Row>): Promise<RowDiff> {
    const before = new Map<string, string>();
    for await (const row of previous) before.set(keyOf(row, primaryKey), digest(row));
    return new RowDiff(primaryKey, before);
  }

  add(row: Row): void {
    const key = keyOf(row, this.primaryKey);
    this.seen.add(key);
    this.rows++;
    const old = this.before.get(key);
    if (old === undefined) this.added++;
    else if (old !== digest(row)) this.changed++;
  }

  counts(): DiffCounts {
    const removed = [...this.before.keys()].filter((k) => !this.seen.has(k)).length;
    return { added: this.added, removed, changed: this.changed, unchanged: this.rows - this.added - this.changed };
  }
}

export interface TableChanges {
  def: TableDef;
  rows: number;
  /** Null in a first release. */
  diff: DiffCounts | null;
}

/**
 * CHANGES.md: why the version changed (`why`, from dataset.json), then rows added, removed and changed per table
 * against the previous release, by primary key, and schema changes. `removedTables` holds the row counts of the
 * previous release's tables this one dropped.
 */
export function changesSince(
  version: string,
  why: readonly string[],
  tables: readonly TableChanges[],
  previous: { version: string; schema: readonly SchemaChange[]; removedTables: Readonly<Record<string, number>> } | null,
): string {
  const out = [`# Changes in v${version}`, ""];
  if (why.length > 0) out.push(...why.map((line) => `- ${line}`), "");
  if (!previous) {
    out.push("First release in this folder: every row is new.", "", "| table | rows |", "|---|---:|");
    for (const t of tables) out.push(`| \`${t.def.name}\` | ${t.rows} |`);
    return out.join("\n") + "\n";
  }
  out.push(
    `Against v${previous.version}, row by row by primary key. A changed row kept its key and has a different value in at least one column.`,
    "",
    "| table | added | removed | changed | unchanged | schema |",
    "|---|---:|---:|---:|---:|---|",
  );
  const notes = (table: string) =>
    previous.schema.filter((c) => c.table === table).map((c) => (c.column ? `${c.change} \`${c.column}\`` : c.change)).join("; ");
  for (const { def, rows, diff } of tables) {
    const d = diff ?? { added: rows, removed: 0, changed: 0, unchanged: 0 };
    out.push(`| \`${def.name}\` | ${d.added} | ${d.removed} | ${d.changed} | ${d.unchanged} | ${notes(def.name)} |`);
  }
  for (const c of previous.schema.filter((c) => c.change === "table-removed")) {
    out.push(`| \`${c.table}\` | 0 | ${previous.removedTables[c.table] ?? 0} | 0 | 0 | table-removed |`);
  }
  return out.join("\n") + "\n";
}
