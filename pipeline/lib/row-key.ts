/** A row's identity under some of its columns, for maps and sets: JSON, so no two different keys collide. */
export const keyOf = (row: Readonly<Record<string, unknown>>, fields: readonly string[]): string => JSON.stringify(fields.map((f) => row[f] ?? null));
/** A row's key as a person reads it: the values joined with /. */
export const describeKey = (row: Readonly<Record<string, unknown>>, fields: readonly string[]) => fields.map((f) => String(row[f])).join("/");
