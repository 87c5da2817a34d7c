import { z } from "zod";

/**
 * datapackage.json as a release publishes it (Frictionless Data Package v2, the parts this project writes), read
 * back by verify, diff and the next publish: each release is checked against its own Table Schemas, not today's.
 */
export const TableSchemaField = z.object({
  name: z.string().min(1),
  /** A list is `array` (a JSON array); the CSV resource of a list column types it `string`, its items joined. */
  type: z.enum(["string", "integer", "number", "boolean", "date", "array"]),
  description: z.string().min(1),
  constraints: z
    .object({
      required: z.boolean().default(false),
      enum: z.array(z.string()).optional(),
      minimum: z.number().optional(),
      maximum: z.number().optional(),
      exclusiveMinimum: z.number().optional(),
      exclusiveMaximum: z.number().optional(),
      minLength: z.number().int().optional(),
      pattern: z.string().optional(),
    })
    .default({ required: false }),
});
export type TableSchemaField = z.infer<typeof TableSchemaField>;

export const TableSchema = z.object({
  fields: z.array(TableSchemaField).min(1),
  /** The empty field is the one missing value (a quoted "" is the empty string): the CSV reader knows no other. */
  missingValues: z.tuple([z.literal("")]).default([""]),
  primaryKey: z.array(z.string()).min(1),
  foreignKeys: z.array(z.object({ fields: z.array(z.string()), reference: z.object({ resource: z.string(), fields: z.array(z.string()) }) })).default([]),
});
export type TableSchema = z.infer<typeof TableSchema>;

/** A path inside the release folder: relative, POSIX, never up a folder (as the profile asks). */
const releasePath = z.string().refine((p) => p.length > 0 && !p.startsWith("/") && !p.split("/").includes(".."), "a relative path inside the release");

/** A file of the release: a table in one format when it has a schema, otherwise a file of its own (the database). */
export const DataResource = z.object({
  name: z.string().min(1),
  path: releasePath,
  format: z.string(),
  bytes: z.number().int().nonnegative(),
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  schema: TableSchema.optional(),
});
export type DataResource = z.infer<typeof DataResource>;

export const DataPackage = z.object({
  name: z.string(),
  version: z.string(),
  created: z.string(),
  resources: z.array(DataResource).min(1),
});
export type DataPackage = z.infer<typeof DataPackage>;
