/** A row's identity under some of its columns, for maps and sets: JSON, so no two different keys collide. */
export const keyOf = (row: Readonly<Record<string, unknown>>, fields: readonly string[]): string => JSON.stringify(fields.map((f) => row[f] ?? null));
