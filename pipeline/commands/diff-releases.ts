import { tables as todaysTables } from "../../schemas/index.ts";
import { changesSince, type TableChanges } from "../publish/changes-since.ts";
import { countRemovedTables } from "../publish/count-removed-tables.ts";
import { readRelease, type ReleaseTable } from "../publish/read-release.ts";
import { asPreviousRelease } from "../publish/read-previous-release.ts";
import { RowDiff, type DiffedTable, type Renames } from "../publish/row-diff.ts";
import { fieldChanges } from "../publish/schema-changes.ts";

/**
 * A release's table with its keys: a Table Schema has no stable key, so it is today's schema's where the table
 * still has that name and those columns.
 */
function diffedTable({ name, schema }: ReleaseTable): DiffedTable {
  const stableKey = todaysTables.find((t) => t.name === name)?.stableKey;
  const has = (columns: readonly string[]) => columns.every((c) => schema.fields.some((f) => f.name === c));
  return { name, primaryKey: schema.primaryKey, foreignKeys: schema.foreignKeys, ...(stableKey && has(stableKey) ? { stableKey } : {}) };
}

/**
 * Row-level changes from one release folder to another, as markdown: what CHANGES.md says of the newer one had
 * it been published after the older one (row matching and the rows shown alike). Both are read from their Arrow
 * files, as publish reads the previous release, so no table is held in memory.
 */
export async function diffReleases(beforeDir: string, afterDir: string): Promise<string> {
  const [before, after] = await Promise.all([readRelease(beforeDir), readRelease(afterDir)]);
  const previous = asPreviousRelease(before);
  const current = asPreviousRelease(after);
  const defs = after.tables.map(diffedTable);
  const renames: Renames = new Map();
  const tables: TableChanges[] = [];
  for (const def of defs) {
    const old = previous.tables[def.name];
    const diff = old ? await RowDiff.against(def, () => old.rows(), renames) : null;
    let rows = 0;
    for await (const row of current.tables[def.name]?.rows() ?? []) {
      rows++;
      diff?.add(row);
    }
    tables.push({ def, rows, diff: (await diff?.finish()) ?? null });
  }
  return changesSince(after.datapackage.version, [], tables, {
    version: before.datapackage.version,
    schema: fieldChanges(Object.fromEntries(Object.entries(current.tables).map(([name, t]) => [name, t.fields])), previous.tables),
    removedTables: await countRemovedTables(defs, previous),
  });
}
