import type { TableDef } from "../../schemas/column.ts";
import { keyOf, type Rows, type Rule, type ValidationError } from "./validation-error.ts";

/** zod issue codes, named as the rule the value broke. */
const ISSUE_RULES: Readonly<Record<string, Rule>> = {
  invalid_type: "invalid-type",
  invalid_value: "enum",
  invalid_format: "pattern",
  too_small: "value-range",
  too_big: "value-range",
  unrecognized_keys: "unknown-column",
};

/** Row-level schema checks, then keys and references across tables. Pure: tables in, errors out. */
export function checkTables(defs: readonly TableDef[], tables: Rows): ValidationError[] {
  const errors: ValidationError[] = [];
  for (const def of defs) {
    const rows = tables[def.name] ?? [];
    const seen = new Map<string, number>();
    rows.forEach((row, i) => {
      const key = keyOf(row, def.primaryKey);
      const parsed = def.schema.strict().safeParse(row);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = issue.path.join(".") || (issue.code === "unrecognized_keys" ? issue.keys.join(",") : "");
          const type = ISSUE_RULES[issue.code] ?? "invalid-value";
          errors.push({ type, table: def.name, row: i + 1, key, field, value: row[field], message: issue.message });
        }
      }
      const first = seen.get(key);
      if (first !== undefined) {
        errors.push({ type: "duplicate-key", table: def.name, row: i + 1, key, field: def.primaryKey.join(","), value: key, message: `primary key repeats row ${first}` });
      } else seen.set(key, i + 1);
    });
    for (const fk of def.foreignKeys) {
      const target = new Set((tables[fk.reference.resource] ?? []).map((r) => keyOf(r, fk.reference.fields)));
      rows.forEach((row, i) => {
        if (fk.fields.some((f) => row[f] === null || row[f] === undefined)) return;
        const value = keyOf(row, fk.fields);
        if (!target.has(value)) {
          errors.push({
            type: "foreign-key",
            table: def.name,
            row: i + 1,
            key: keyOf(row, def.primaryKey),
            field: fk.fields.join(","),
            value,
            message: `no ${fk.reference.resource} row with ${fk.reference.fields.join(",")} = ${value}`,
          });
        }
      });
    }
  }
  return errors;
}
