import type { SchemaChange } from "./schema-changes.ts";
import { describeRowChanges } from "./describe-row-changes.ts";
import type { DiffedTable, TableDiff } from "./row-diff.ts";

export interface TableChanges {
  def: DiffedTable;
  rows: number;
  /** Null in a first release. */
  diff: TableDiff | null;
}

/** The first sentence under the counts: how rows were matched, and how many changed rows have a new key. */
function matching(version: string, tables: readonly TableChanges[]): string {
  const against = `Against v${version}, row by row by primary key.`;
  const rekeyed = tables.reduce((sum, t) => sum + (t.diff?.counts.rekeyed ?? 0), 0);
  if (rekeyed === 0) return `${against} A changed row kept its key and has a different value in at least one column.`;
  const columns = (keys: readonly string[]) => keys.map((c) => `\`${c}\``).join(", ");
  const stable = tables.filter((t) => t.def.stableKey).map((t) => `\`${t.def.name}\` by ${columns(t.def.stableKey!)}`);
  return (
    `${against} A changed row has a different value in at least one column; ${rekeyed} of them also have a new key, as a key that is a ` +
    `digest of the row's content changes with it: such rows are matched by what else names them (${stable.join("; ")}), and rows that ` +
    "refer to them by their new keys."
  );
}

/**
 * CHANGES.md, and what `diff` prints: why the version changed (`why`, from dataset.json), then rows added,
 * removed and changed per table against the previous release and schema changes, then the first rows of each
 * kind. `removedTables` holds the row counts of the previous release's tables this one dropped.
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
  out.push(matching(previous.version, tables), "", "| table | added | removed | changed | unchanged | schema |", "|---|---:|---:|---:|---:|---|");
  const notes = (table: string) =>
    previous.schema.filter((c) => c.table === table).map((c) => (c.column ? `${c.change} \`${c.column}\`` : c.change)).join("; ");
  for (const { def, rows, diff } of tables) {
    const d = diff?.counts ?? { added: rows, removed: 0, changed: 0, unchanged: 0 };
    out.push(`| \`${def.name}\` | ${d.added} | ${d.removed} | ${d.changed} | ${d.unchanged} | ${notes(def.name)} |`);
  }
  for (const c of previous.schema.filter((c) => c.change === "table-removed")) {
    out.push(`| \`${c.table}\` | 0 | ${previous.removedTables[c.table] ?? 0} | 0 | 0 | table-removed |`);
  }
  out.push(...describeRowChanges(tables, previous.version, version));
  return out.join("\n") + "\n";
}
