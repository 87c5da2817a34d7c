import { LIST_DELIMITER, type TableDef } from "../../schemas/column.ts";
import type { Column } from "./describe-columns.ts";
import type { DatasetInfo } from "./dataset-info.ts";
import { loadSnippets } from "./load-snippets.ts";

/** Longest example shown, in code points: a sentence is cut with … (the row holds it whole). */
const EXAMPLE_CHARS = 60;

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

function exampleCell(column: Column): string {
  if (column.examples.length === 0) return "";
  const value = column.examples[0];
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const points = [...text];
  return `\`${cell(points.length > EXAMPLE_CHARS ? `${points.slice(0, EXAMPLE_CHARS).join("")}…` : text)}\``;
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
    "Offsets count Unicode code points from 0 (Python string indexing), end exclusive. A missing value is null (an empty field in CSV); no text column holds an empty string.",
    `A list is a list in JSON, Arrow and Parquet, and its items joined by \`${LIST_DELIMITER}\` in CSV (no item contains it); a list has at least one item, and none is null.`,
    "In CSV, a text cell that begins with = + - @, a tab or a carriage return is written with a leading ' so that a spreadsheet does not run it as a formula (OWASP); JSON, Arrow and Parquet hold the text exactly.",
    "Examples are the first value of each column in this release.",
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
      const type = c.type === "list" ? `list of ${c.itemType}` : c.type;
      out.push(`| \`${c.name}\` | ${type} | ${c.nullable ? "yes" : "no"} | ${keyRole(c)} | ${cell(c.description)} | ${cell(allowed(c))} | ${exampleCell(c)} |`);
    }
    const load = loadSnippets(def.name, columns);
    out.push("", "Reading the CSV and JSON with these types (Parquet and Arrow carry them already):", "", "```python", load.pandas, load.pandasJson, "```", "", "```r", load.r, "```", "");
  }
  return out.join("\n");
}
