import type { PreviousRelease } from "./previous-release.ts";

/** Row counts of the previous release's tables that this one no longer has, for CHANGES.md. */
export async function countRemovedTables(defs: ReadonlyArray<{ name: string }>, previous: PreviousRelease): Promise<Record<string, number>> {
  const removed: Record<string, number> = {};
  for (const [name, table] of Object.entries(previous.tables)) {
    if (defs.some((d) => d.name === name)) continue;
    removed[name] = 0;
    for await (const _row of table.rows()) removed[name]++;
  }
  return removed;
}
