import type { TableDef } from "../../schemas/column.ts";
import type { Column } from "./describe-columns.ts";
import type { DatasetInfo } from "./dataset-info.ts";
import { tableFormats } from "./formats.ts";

export interface FileFacts {
  path: string;
  bytes: number;
  sha256: string;
}

function tableSchema(def: TableDef, columns: readonly Column[]) {
  return {
    fields: columns.map((c) => ({
      name: c.name,
      type: c.type,
      description: c.description,
      // The profile types an example as a string, whatever the field's type.
      ...(c.examples.length > 0 ? { example: String(c.examples[0]) } : {}),
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
    })),
    missingValues: [""],
    primaryKey: def.primaryKey,
    // The profile requires at least one foreign key when the property is present.
    ...(def.foreignKeys.length > 0 ? { foreignKeys: def.foreignKeys } : {}),
  };
}

/** Frictionless Data Package v2: one resource per table and format; the first format's resource carries the table's name. */
export function datapackage(info: DatasetInfo, tables: ReadonlyArray<{ def: TableDef; columns: Column[] }>, files: ReadonlyMap<string, FileFacts>) {
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
        schema: tableSchema(def, columns),
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
    resources,
  };
}
