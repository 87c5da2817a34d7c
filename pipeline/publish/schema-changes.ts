import type { TableDef } from "../../schemas/column.ts";
import type { PreviousRelease, PreviousTable } from "./previous-release.ts";
import { describeColumns } from "./describe-columns.ts";

export interface SchemaChange {
  table: string;
  change: "table-added" | "table-removed" | "column-added" | "column-removed" | "column-retyped";
  column?: string;
  /** Breaks readers of the previous release (Frictionless versioning: a major change). */
  breaking: boolean;
}

type Fields = PreviousTable["fields"];

/** Tables and columns added, removed or retyped from one release's tables (by name, their fields) to the next's. */
export function fieldChanges(now: Readonly<Record<string, Fields>>, before: Readonly<Record<string, { fields: Fields }>>): SchemaChange[] {
  const changes: SchemaChange[] = [];
  for (const [table, fields] of Object.entries(now)) {
    const was = before[table] && new Map(before[table].fields.map((f) => [f.name, f.type]));
    if (!was) {
      changes.push({ table, change: "table-added", breaking: false });
      continue;
    }
    for (const c of fields) {
      const type = was.get(c.name);
      if (type === undefined) changes.push({ table, change: "column-added", column: c.name, breaking: false });
      else if (type !== c.type) changes.push({ table, change: "column-retyped", column: c.name, breaking: true });
    }
    for (const name of was.keys()) {
      if (!fields.some((c) => c.name === name)) changes.push({ table, change: "column-removed", column: name, breaking: true });
    }
  }
  for (const table of Object.keys(before).sort()) {
    if (!(table in now)) changes.push({ table, change: "table-removed", breaking: true });
  }
  return changes;
}

/** Tables and columns added, removed or retyped since the previous release, from its Table Schemas. */
export const schemaChanges = (defs: readonly TableDef[], previous: PreviousRelease): SchemaChange[] =>
  fieldChanges(Object.fromEntries(defs.map((d) => [d.name, describeColumns(d)])), previous.tables);
