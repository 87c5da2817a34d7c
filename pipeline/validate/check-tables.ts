import type { TableDef } from "../../schemas/column.ts";
import { describeKey, keyOf } from "../lib/row-key.ts";
import type { Rows, Rule, ValidationError } from "./validation-error.ts";

/** zod issue codes, named as the rule the value broke. */
const ISSUE_RULES: Readonly<Record<string, Rule>> = {
  invalid_type: "invalid-type",
  invalid_value: "enum",
  invalid_format: "pattern",
  too_small: "value-range",
  too_big: "value-range",
  unrecognized_keys: "unknown-column",
};

/** The key sets foreign keys point at, by `resource:field,field`, from rows read in any way the caller likes. */
export type ReferenceKeys = ReadonlyMap<string, ReadonlySet<string>>;

const referenceName = (resource: string, fields: readonly string[]) => `${resource}:${fields.join(",")}`;

/**
 * Collects the key sets that foreign keys point at from rows shown to it one by one; `tables` names the tables
 * whose rows it needs, so a caller streaming from files can read just those.
 */
export function referenceCollector(defs: readonly TableDef[]) {
  const wanted = new Map(defs.flatMap((def) => def.foreignKeys.map(({ reference: r }) => [referenceName(r.resource, r.fields), r] as const)));
  const keys = new Map<string, Set<string>>([...wanted.keys()].map((name) => [name, new Set<string>()]));
  return {
    tables: new Set([...wanted.values()].map((r) => r.resource)),
    keys: keys as ReferenceKeys,
    add(table: string, row: Record<string, unknown>): void {
      for (const [name, { resource, fields }] of wanted) if (resource === table) keys.get(name)!.add(keyOf(row, fields));
    },
  };
}

/**
 * A checker for one table's rows as they stream past, in order: the schema, a repeated primary key, and
 * references into the other tables' keys (those `references` holds). Memory grows with the table's keys only.
 */
export function tableChecker(def: TableDef, references: ReferenceKeys): (row: Record<string, unknown>, rowNumber: number) => ValidationError[] {
  const seen = new Map<string, number>();
  const schema = def.schema.strict();
  return (row, rowNumber) => {
    const errors: ValidationError[] = [];
    const key = describeKey(row, def.primaryKey);
    const identity = keyOf(row, def.primaryKey);
    const parsed = schema.safeParse(row);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.join(".") || (issue.code === "unrecognized_keys" ? issue.keys.join(",") : "");
        const type = ISSUE_RULES[issue.code] ?? "invalid-value";
        errors.push({ type, table: def.name, row: rowNumber, key, field, value: row[field], message: issue.message });
      }
    }
    const first = seen.get(identity);
    if (first !== undefined) {
      errors.push({ type: "duplicate-key", table: def.name, row: rowNumber, key, field: def.primaryKey.join(","), value: key, message: `primary key repeats row ${first}` });
    } else seen.set(identity, rowNumber);
    for (const fk of def.foreignKeys) {
      if (fk.fields.some((f) => row[f] === null || row[f] === undefined)) continue;
      // A reference into a table whose keys were not collected is not checked here (one article's rows on their own).
      const keys = references.get(referenceName(fk.reference.resource, fk.reference.fields));
      if (!keys || keys.has(keyOf(row, fk.fields))) continue;
      const value = describeKey(row, fk.fields);
      errors.push({
        type: "foreign-key",
        table: def.name,
        row: rowNumber,
        key,
        field: fk.fields.join(","),
        value,
        message: `no ${fk.reference.resource} row with ${fk.reference.fields.join(",")} = ${value}`,
      });
    }
    return errors;
  };
}

/** Row-level schema checks, keys and references across tables, over tables held in memory. Pure: tables in, errors out. */
export function checkTables(defs: readonly TableDef[], tables: Rows): ValidationError[] {
  const references = referenceCollector(defs);
  for (const [table, rows] of Object.entries(tables)) for (const row of rows) references.add(table, row);
  return defs.flatMap((def) => {
    const check = tableChecker(def, references.keys);
    return (tables[def.name] ?? []).flatMap((row, i) => check(row, i + 1));
  });
}
