import { nameList, quoteName } from "../publish/sqlite-ddl.ts";
import { openToRead } from "../publish/to-sqlite.ts";
import { PLACE_TARGET_COLUMNS, type SourceTarget } from "./place-shard.ts";

/** What the site needs of all targets at once: counts and years, never the rows. */
export interface TargetSummary {
  count: number;
  withoutPlace: number;
  byPlace: ReadonlyMap<string, number>;
  years: readonly number[];
}

export interface ReleaseDatabase {
  /** A table's rows in the release's order with only the named columns; booleans as booleans. */
  rows<T>(table: string, columns: readonly (keyof T & string)[], booleans?: readonly (keyof T & string)[]): T[];
  targetSummary(): TargetSummary;
  /** One place's targets in the release's order (as inserted: by article, then position). */
  targetsOf(districtId: string): SourceTarget[];
  close(): void;
}

// SQLite holds booleans as 0/1.
const withBooleans = <T>(rows: unknown[], booleans: readonly string[]) =>
  (booleans.length === 0 ? rows : rows.map((r) => ({ ...(r as object), ...Object.fromEntries(booleans.map((b) => [b, (r as Record<string, unknown>)[b] === null ? null : Boolean((r as Record<string, unknown>)[b])])) }))) as T[];

/**
 * The release's own SQLite file as the explorer's source: only the columns the site shows are read, and the
 * targets a place at a time through the district index. Reading the JSON tables of a 20,000-article release took
 * 1.6 GB (targets and their sentences) and still 525 MB without the targets (whole rows parsed from text).
 */
export function openReleaseDatabase(path: string): ReleaseDatabase {
  const db = openToRead(path);
  const place = db.prepare(`SELECT ${nameList(["district_id", "sentence", ...PLACE_TARGET_COLUMNS])} FROM targets WHERE district_id = ? ORDER BY rowid`);
  return {
    rows: (table, columns, booleans = []) => withBooleans(db.all(`SELECT ${nameList(columns)} FROM ${quoteName(table)} ORDER BY rowid`), booleans),
    targetSummary() {
      const counts = db.all(`SELECT district_id, count(*) AS n FROM targets GROUP BY district_id`) as Array<{ district_id: string | null; n: number }>;
      const years = db.all(`SELECT DISTINCT year FROM targets WHERE year IS NOT NULL ORDER BY year`) as Array<{ year: number }>;
      return {
        count: counts.reduce((sum, c) => sum + c.n, 0),
        withoutPlace: counts.find((c) => c.district_id === null)?.n ?? 0,
        byPlace: new Map(counts.flatMap((c) => (c.district_id === null ? [] : [[c.district_id, c.n] as const]))),
        years: years.map((y) => y.year),
      };
    },
    targetsOf: (districtId) => withBooleans<SourceTarget>(place.all([districtId]), ["headline"]),
    close() {
      place.finalize();
      db.close();
    },
  };
}
