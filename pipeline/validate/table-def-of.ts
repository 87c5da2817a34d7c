import { z } from "zod";
import type { TableDef } from "../../schemas/column.ts";
import type { TableSchema, TableSchemaField } from "../../schemas/datapackage.ts";

/** A Table Schema field as zod: its type, every constraint this project publishes, and its description. */
function fieldSchema({ type, description, constraints: c }: TableSchemaField): z.ZodType {
  let schema: z.ZodType;
  if (type === "string" && c.enum) schema = z.enum(c.enum as [string, ...string[]]);
  else if (type === "string") {
    let text = z.string();
    if (c.minLength !== undefined) text = text.min(c.minLength);
    // A Table Schema pattern matches the whole value.
    if (c.pattern !== undefined) text = text.regex(new RegExp(`^(?:${c.pattern})$`));
    schema = text;
  } else if (type === "integer" || type === "number") {
    let number = type === "integer" ? z.number().int() : z.number();
    if (c.minimum !== undefined) number = number.min(c.minimum);
    if (c.maximum !== undefined) number = number.max(c.maximum);
    if (c.exclusiveMinimum !== undefined) number = number.gt(c.exclusiveMinimum);
    if (c.exclusiveMaximum !== undefined) number = number.lt(c.exclusiveMaximum);
    schema = number;
  } else if (type === "boolean") schema = z.boolean();
  // Table Schema states nothing of a list's items: the release's JSON Schema files hold those constraints.
  else if (type === "array") schema = z.array(z.unknown());
  else schema = z.iso.date();
  return (c.required ? schema : schema.nullable()).meta({ description });
}

/**
 * A table as a release's own Table Schema declares it, so the checks of validate (schema, primary key, foreign
 * keys) apply to a release of any version, whatever today's schemas say.
 */
export function tableDefOf(name: string, schema: TableSchema): TableDef {
  return {
    name,
    title: name,
    description: "",
    schema: z.object(Object.fromEntries(schema.fields.map((f) => [f.name, fieldSchema(f)]))),
    primaryKey: schema.primaryKey,
    foreignKeys: schema.foreignKeys,
  };
}
