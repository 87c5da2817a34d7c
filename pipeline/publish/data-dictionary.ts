import type { TableDef } from "../../schemas/column.ts";
import type { Column } from "./describe-columns.ts";
import type { DatasetInfo } from "./dataset-info.ts";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function allowed(column: Column): string {
  if (column.enum) return column.enum.map((v) => `\`${v}\``).join(", ");
  const parts: string[] = [];
  if (column.unit) parts.push(`unit: ${column.unit}`);
  if (column.minimum !== undefined) parts.push(`≥ ${column.minimum}`);
  if (column.maximum !== undefined) parts.push(`≤ ${column.maximum}`);
  if (column.exclusiveMinimum !== undefined) parts.push(`> ${column.exclusiveMinimum}`);
  if (column.exclusiveMaximum !== undefined) parts.push(`< ${column.exclusiveMaximum}`);
  if (column.pattern) parts.push(`pattern \`${column.pattern}\``);
  return parts.join("; ");
}

function keyRole(column: Column): string {
  return [...(column.primaryKey ? ["primary key"] : []), ...column.references.map((r) => `→ \`${r}\``)].join(", ");
}

/** The data dictionary, generated from the same schemas that validate the rows. */
export function dataDictionary(info: DatasetInfo, tables: ReadonlyArray<{ def: TableDef; columns: Column[]; rows: number }>): string {
  const out = [
    `# Data dictionary: ${info.title}`,
    "",
    `Version ${info.version}, released ${info.released}. Generated from the zod schemas in \`schemas/\`; do not edit by hand.`,
    "",
    'Offsets count Unicode code points from 0 (Python string indexing), end exclusive. In CSV an empty field is a null and a quoted empty field (`""`) an empty string.',
    "",
  ];
  for (const { def, columns, rows } of tables) {
    out.push(`## ${def.name}`, "", def.description, "");
    out.push(`Rows: ${rows}. Primary key: ${def.primaryKey.map((k) => `\`${k}\``).join(", ")}.`);
    for (const fk of def.foreignKeys) {
      out.push(`Foreign key: \`${fk.fields.join(",")}\` → \`${fk.reference.resource}.${fk.reference.fields.join(",")}\`.`);
    }
    out.push("", "| column | type | null | key | description | unit or allowed values | example |", "|---|---|---|---|---|---|---|");
    for (const c of columns) {
      const example = c.examples.length > 0 ? `\`${cell(String(c.examples[0]))}\`` : "";
      out.push(`| \`${c.name}\` | ${c.type} | ${c.nullable ? "yes" : "no"} | ${keyRole(c)} | ${cell(c.description)} | ${cell(allowed(c))} | ${example} |`);
    }
    out.push("");
  }
  return out.join("\n");
}
