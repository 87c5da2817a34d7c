import { z } from "zod";

/**
 * What every published column declares; the data dictionary, Table Schema and Arrow schema read it. Examples are
 * not declared: publish takes them from the release's own rows, so none is invented.
 */
export interface ColumnMeta {
  description: string;
  /** Unit of measure, where the column is a quantity. */
  unit?: string;
  /** Low-cardinality strings: dictionary-encoded in Arrow. */
  categorical?: boolean;
}

export function column<T extends z.ZodType>(schema: T, meta: ColumnMeta): T {
  return schema.meta({ ...meta }) as T;
}

export interface ForeignKey {
  fields: string[];
  reference: { resource: string; fields: string[] };
}

export interface TableDef<S extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  schema: S;
  primaryKey: string[];
  /**
   * Where the primary key is a digest of the row's content, so an edit gives the row a new key: the columns that
   * still name it, by which CHANGES.md pairs the rows the key no longer matches (in table order where they repeat).
   */
  stableKey?: string[];
  foreignKeys: ForeignKey[];
}

export function defineTable<S extends z.ZodObject>(def: TableDef<S>): TableDef<S> {
  for (const key of [...def.primaryKey, ...(def.stableKey ?? []), ...def.foreignKeys.flatMap((fk) => fk.fields)]) {
    if (!(key in def.schema.shape)) throw new Error(`table ${def.name}: key column ${key} is not in the schema`);
  }
  for (const [name, field] of Object.entries(def.schema.shape)) {
    if (!(field as z.ZodType).meta()?.description) throw new Error(`table ${def.name}: column ${name} has no description`);
  }
  return def;
}

/** The one delimiter of list cells in CSV (Table Schema `list` fields): no list item may contain it. */
export const LIST_DELIMITER = "|";
/** A list item of free text: not empty, and free of the CSV list delimiter. */
export const listItem = () => z.string().regex(/^[^|]+$/);
/**
 * A list column: a real list in JSON, Arrow and Parquet, its items joined by LIST_DELIMITER in CSV. A list has at
 * least one item; none is null (CSV could not tell an empty list from a missing one).
 */
export const listOf = <T extends z.ZodType>(item: T) => z.array(item).min(1);

/**
 * A place's code: six GB/T 2260 digits, or a curated zone's <city code>-Z<NN>. Text, never a number: the codes
 * are identifiers (a join on 441300-Z01 needs them as strings).
 */
export const placeCode = () => z.string().regex(/^\d{6}(?:-Z\d{2})?$/);

/** Identifiers that are hex digests cut to a fixed length. */
export const hexId = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`));
/** A date as precise as the source states it (year, year-month or day): published as a string. */
export const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/);
/** A full calendar date YYYY-MM-DD: published as a date type (Arrow date32, Parquet DATE, Table Schema date). */
export const isoDay = () => z.iso.date();
