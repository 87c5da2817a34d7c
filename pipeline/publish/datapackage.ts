import { LIST_DELIMITER, type TableDef } from "../../schemas/column.ts";
import type { Column } from "./describe-columns.ts";
import type { DatasetInfo } from "./dataset-info.ts";
import { tableFormats } from "./formats.ts";

export interface FileFacts {
  path: string;
  bytes: number;
  sha256: string;
}

/** An example as the CSV writes it (a list joined by the delimiter). */
const exampleText = (c: Column, value: unknown) => (c.type === "list" && Array.isArray(value) ? value.join(LIST_DELIMITER) : String(value));

/**
 * A list column as the file holds it. Table Schema v2 types a list as `array`, whose text form is a JSON array; the
 * CSV holds the items joined by LIST_DELIMITER instead, so there the field is a string of delimited items.
 * Either way a list's item constraints are in the table's JSON Schema, not here: Table Schema's would apply
 * to the whole list.
 */
function listField(c: Column, format: string) {
  const required = !c.nullable;
  if (format !== "csv") return { type: "array", constraints: { required } };
  const item = `[^${LIST_DELIMITER}]+`;
  return {
    type: "string",
    description: `${c.description} In this CSV: the items joined by ${LIST_DELIMITER} (a list of ${c.itemType}).`,
    constraints: { required, pattern: `${item}(\\${LIST_DELIMITER}${item})*` },
  };
}

function field(c: Column, format: string) {
  const common = {
    name: c.name,
    description: c.description,
    // The profile types an example as a string, whatever the field's type.
    ...(c.examples.length > 0 ? { example: exampleText(c, c.examples[0]) } : {}),
  };
  if (c.type === "list") return { ...common, ...listField(c, format) };
  return {
    ...common,
    type: c.type,
    constraints: {
      required: !c.nullable,
      ...(c.enum ? { enum: c.enum } : {}),
      ...(c.minimum !== undefined ? { minimum: c.minimum } : {}),
      ...(c.maximum !== undefined ? { maximum: c.maximum } : {}),
      ...(c.exclusiveMinimum !== undefined ? { exclusiveMinimum: c.exclusiveMinimum } : {}),
      ...(c.exclusiveMaximum !== undefined ? { exclusiveMaximum: c.exclusiveMaximum } : {}),
      ...(c.minLength !== undefined ? { minLength: c.minLength } : {}),
      ...(c.pattern ? { pattern: c.pattern } : {}),
    },
  };
}

function tableSchema(def: TableDef, columns: readonly Column[], format: string) {
  return {
    fields: columns.map((c) => field(c, format)),
    missingValues: [""],
    primaryKey: def.primaryKey,
    // The profile requires at least one foreign key when the property is present.
    ...(def.foreignKeys.length > 0 ? { foreignKeys: def.foreignKeys } : {}),
  };
}

/**
 * Frictionless Data Package v2: one resource per table and format (the first format's resource carries the
 * table's name), and the SQLite database, when there is one, as one more resource that is not a table.
 */
export function datapackage(
  info: DatasetInfo,
  tables: ReadonlyArray<{ def: TableDef; columns: Column[] }>,
  files: ReadonlyMap<string, FileFacts>,
  database: FileFacts | null = null,
) {
  const resources = tables.flatMap(({ def, columns }) =>
    tableFormats.map(({ name: format, mediatype, encoding }, i) => {
      const file = files.get(`${def.name}.${format}`);
      if (!file) throw new Error(`no ${format} file for table ${def.name}`);
      return {
        name: i === 0 ? def.name : `${def.name}-${format}`,
        type: "table",
        title: `${def.title} (${format.toUpperCase()})`,
        description: def.description,
        path: file.path,
        format,
        mediatype,
        ...(encoding ? { encoding } : {}),
        bytes: file.bytes,
        hash: `sha256:${file.sha256}`,
        schema: tableSchema(def, columns, format),
      };
    }),
  );
  return {
    $schema: "https://datapackage.org/profiles/2.0/datapackage.json",
    name: info.name,
    title: info.title,
    description: info.description,
    version: info.version,
    created: `${info.released}T00:00:00Z`,
    licenses: info.licenses,
    sources: info.sources,
    contributors: info.contributors,
    ...(info.homepage ? { homepage: info.homepage } : {}),
    resources: [
      ...resources,
      ...(database
        ? [{
            name: "database",
            title: `${info.title} (SQLite)`,
            description: "Every table in one SQLite database, with its primary and foreign keys, indexes, views that join place names and evidence, and the column descriptions (tables release_info, table_descriptions, column_descriptions). Lists are JSON arrays.",
            path: database.path,
            format: "sqlite",
            mediatype: "application/vnd.sqlite3",
            bytes: database.bytes,
            hash: `sha256:${database.sha256}`,
          }]
        : []),
    ],
  };
}
