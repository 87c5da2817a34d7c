import type { TableDef } from "../../schemas/column.ts";
import type { PreviousRelease } from "./previous-release.ts";
import { describeColumns } from "./describe-columns.ts";

export interface SchemaChange {
  table: string;
  change: "table-added" | "table-removed" | "column-added" | "column-removed" | "column-retyped";
  column?: string;
  /** Breaks readers of the previous release (Frictionless versioning: a major change). */
  breaking: boolean;
}

/** Tables and columns added, removed or retyped since the previous release, from its Table Schemas. */
export function schemaChanges(defs: readonly TableDef[], previous: PreviousRelease): SchemaChange[] {
  const changes: SchemaChange[] = [];
  for (const def of defs) {
    const before = previous.tables[def.name];
    if (!before) {
      changes.push({ table: def.name, change: "table-added", breaking: false });
      continue;
    }
    const now = describeColumns(def);
    const was = new Map(before.fields.map((f) => [f.name, f.type]));
    for (const c of now) {
      const type = was.get(c.name);
      if (type === undefined) changes.push({ table: def.name, change: "column-added", column: c.name, breaking: false });
      else if (type !== c.type) changes.push({ table: def.name, change: "column-retyped", column: c.name, breaking: true });
    }
    for (const name of was.keys()) {
      if (!now.some((c) => c.name === name)) changes.push({ table: def.name, change: "column-removed", column: name, breaking: true });
    }
  }
  for (const table of Object.keys(previous.tables).sort()) {
    if (!defs.some((d) => d.name === table)) changes.push({ table, change: "table-removed", breaking: true });
  }
  return changes;
}
