import { ROW_EXAMPLES, type DiffedTable, type TableDiff } from "./row-diff.ts";

/** How long a value may be in a cell before it is cut. */
const CELL = 60;

/** A value as a markdown table cell: JSON in a code span, cut to CELL characters; a column the release lacks in words. */
function cell(value: unknown): string {
  if (value === undefined) return "(no column)";
  const text = [...JSON.stringify(value).replace(/\s+/gu, " ")];
  const cut = text.length > CELL ? `${text.slice(0, CELL - 1).join("")}…` : text.join("");
  return `\`${cut.replaceAll("|", "\\|").replaceAll("`", "'")}\``;
}

const keys = (shown: readonly string[], total: number) =>
  `${shown.map((k) => `\`${k}\``).join(", ")}${total > shown.length ? `, … ${total - shown.length} more` : ""}`;

/**
 * The rows behind each table's counts, as lines of markdown after them: the keys of the first rows added and
 * removed, and each changed column of the first changed rows. None when no row changed.
 */
export function describeRowChanges(tables: ReadonlyArray<{ def: DiffedTable; diff: TableDiff | null }>, before: string, after: string): string[] {
  const out: string[] = [];
  for (const { def, diff } of tables) {
    if (!diff || diff.counts.added + diff.counts.removed + diff.counts.changed === 0) continue;
    const { counts, examples } = diff;
    out.push("", `### \`${def.name}\``, "");
    if (counts.added > 0) out.push(`- added (${counts.added}): ${keys(examples.added, counts.added)}`);
    if (counts.removed > 0) out.push(`- removed (${counts.removed}): ${keys(examples.removed, counts.removed)}`);
    if (counts.changed === 0) continue;
    const first = counts.changed > examples.changed.length ? `, ${examples.changed.length} shown` : "";
    out.push(`- changed (${counts.changed})${first}:`, "", `| ${def.primaryKey.join("/")} | column | v${before} | v${after} |`, "|---|---|---|---|");
    for (const row of examples.changed) {
      // A column one release lacks and the other leaves empty is in the schema column above, not in every row.
      const shown = row.columns.filter((c) => !(c.before === undefined && c.after === null) && !(c.after === undefined && c.before === null));
      if (shown.length === 0) out.push(`| \`${row.key}\` | (only empty columns added or removed) | | |`);
      shown.forEach((c, i) => out.push(`| ${i === 0 ? `\`${row.key}\`` : ""} | \`${c.column}\` | ${cell(c.before)} | ${cell(c.after)} |`));
    }
  }
  if (out.length === 0) return [];
  return [
    "",
    "## Rows by table",
    "",
    `Up to ${ROW_EXAMPLES} rows of each kind per table, by primary key (a changed row by its new key); a changed row shows each column whose value changed (rows whose values changed come before those that only gained or lost a column), cut at ${CELL} characters.`,
    ...out,
  ];
}
