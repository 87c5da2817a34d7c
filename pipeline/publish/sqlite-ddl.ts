import type { TableDef } from "../../schemas/column.ts";
import type { Column, ColumnType } from "./describe-columns.ts";

export const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const quoteText = (text: string) => `'${text.replaceAll("'", "''")}'`;
export const nameList = (names: readonly string[]) => names.map(quoteName).join(", ");

/**
 * SQLite has no boolean, date or list type: a boolean is INTEGER 0/1, a date ISO TEXT and a list a JSON array as
 * TEXT (json_each() reads it), each held to it by a CHECK.
 */
const SQL_TYPES: Record<ColumnType, string> = { string: "TEXT", date: "TEXT", list: "TEXT", integer: "INTEGER", number: "REAL", boolean: "INTEGER" };

/**
 * An enum as comparisons: SQLite builds a lookup table for an IN list of more than two on every row it checks,
 * which made inserting 114,000 targets 1.8 times and integrity_check 3 times as slow as these.
 */
const oneOf = (name: string, values: readonly string[]) => values.map((v) => `${name} = ${quoteText(v)}`).join(" OR ");

function checks(c: Column): string[] {
  const name = quoteName(c.name);
  // A list's enum and bounds are its items': the JSON Schema holds them.
  if (c.type === "list") return [`json_valid(${name}) AND json_type(${name}) = 'array'`];
  return [
    ...(c.type === "boolean" ? [`${name} IN (0, 1)`] : []),
    // date() gives back only a valid YYYY-MM-DD unchanged (NULL IS NULL holds for an empty value).
    ...(c.type === "date" ? [`${name} IS date(${name})`] : []),
    ...(c.enum ? [oneOf(name, c.enum)] : []),
    ...(c.minimum !== undefined ? [`${name} >= ${c.minimum}`] : []),
    ...(c.maximum !== undefined ? [`${name} <= ${c.maximum}`] : []),
    ...(c.exclusiveMinimum !== undefined ? [`${name} > ${c.exclusiveMinimum}`] : []),
    ...(c.exclusiveMaximum !== undefined ? [`${name} < ${c.exclusiveMaximum}`] : []),
  ];
}

function columnClause(c: Column): string {
  const check = checks(c);
  const condition = check.length > 1 ? check.map((e) => `(${e})`).join(" AND ") : check[0];
  return [quoteName(c.name), SQL_TYPES[c.type], ...(c.nullable ? [] : ["NOT NULL"]), ...(condition ? [`CHECK (${condition})`] : [])].join(" ");
}

/** CREATE TABLE in describeColumns order, with the table's primary key and foreign keys (composite ones too). */
export function createTable(def: TableDef, columns: readonly Column[]): string {
  const clauses = [
    ...columns.map(columnClause),
    `PRIMARY KEY (${nameList(def.primaryKey)})`,
    ...def.foreignKeys.map((fk) => `FOREIGN KEY (${nameList(fk.fields)}) REFERENCES ${quoteName(fk.reference.resource)} (${nameList(fk.reference.fields)})`),
  ];
  return `CREATE TABLE ${quoteName(def.name)} (\n  ${clauses.join(",\n  ")}\n)`;
}

/** Whether an index on `index` serves `fields`: they are its leading columns, in any order. */
const leads = (index: readonly string[], fields: readonly string[]) => fields.every((f) => index.slice(0, fields.length).includes(f));

/**
 * Indexes, made after the rows are in: a unique one on every referenced column set that is not its table's
 * primary key (SQLite takes only a unique parent key, in any column order), and one on every foreign-key column
 * set that no index of its table already leads with, longest first so a shorter set can use a longer one.
 */
export function createIndexes(defs: readonly TableDef[]): string[] {
  const indexed = new Map(defs.map((d) => [d.name, [d.primaryKey]]));
  const statements: string[] = [];
  const add = (table: string, fields: readonly string[], unique: boolean) => {
    const existing = indexed.get(table);
    if (!existing) throw new Error(`foreign key to ${table}: no such table in the release`);
    // Unique indexes come first, so any index of the same length that leads with the fields is a unique one.
    if (existing.some((index) => (!unique || index.length === fields.length) && leads(index, fields))) return;
    existing.push([...fields]);
    const name = `${table}_${unique ? "key" : "by"}_${fields.join("_")}`;
    statements.push(`CREATE ${unique ? "UNIQUE " : ""}INDEX ${quoteName(name)} ON ${quoteName(table)} (${nameList(fields)})`);
  };
  for (const fk of defs.flatMap((d) => d.foreignKeys)) add(fk.reference.resource, fk.reference.fields, true);
  for (const def of defs) {
    const sets = def.foreignKeys.map((fk) => fk.fields).sort((a, b) => b.length - a.length);
    for (const fields of sets) add(def.name, fields, false);
  }
  return statements;
}
