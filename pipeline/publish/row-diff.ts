import { createHash } from "node:crypto";
import type { ForeignKey } from "../../schemas/column.ts";
import { describeKey, keyOf } from "../lib/row-key.ts";

type Row = Record<string, unknown>;

/** What RowDiff needs of a table: its keys, as TableDef and a release's Table Schema both have them. */
export interface DiffedTable {
  name: string;
  primaryKey: readonly string[];
  stableKey?: readonly string[];
  foreignKeys: readonly ForeignKey[];
}

export interface DiffCounts {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
  /** Changed rows whose primary key changed: matched by their stable key or by the new keys of rows they refer to. */
  rekeyed: number;
}

/** One column of a changed row; `undefined` where the column is not in that release's table. */
export interface ColumnChange {
  column: string;
  before: unknown;
  after: unknown;
}

/** The first rows of each kind, by key (values joined with /), and each changed row's changed columns. */
export interface RowExamples {
  added: string[];
  removed: string[];
  changed: Array<{ key: string; columns: ColumnChange[] }>;
}

export interface TableDiff {
  counts: DiffCounts;
  examples: RowExamples;
}

/**
 * Primary key values a table's new release gave its rows, by `<table>.<column>`: the tables diffed after it
 * follow them, so a row that refers to a renamed row is matched under the new key.
 */
export type Renames = Map<string, Map<unknown, unknown>>;

/** Rows of each kind a diff keeps to show. */
export const ROW_EXAMPLES = 10;
/** Changed rows kept as candidates per example shown: those that changed a column both releases have go first. */
const CANDIDATES = 10;

/** Column order does not count as a change; values do. A digest stands for the row, so memory stays small. */
const digest = (row: Row) =>
  createHash("sha256").update(JSON.stringify(Object.keys(row).sort().map((k) => [k, row[k] ?? null]))).digest("base64");

/** The columns whose values differ, in the new row's column order, then the columns it no longer has. */
function columnChanges(before: Row, after: Row): ColumnChange[] {
  const columns = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  const value = (row: Row, column: string) => (column in row ? (row[column] ?? null) : undefined);
  return columns
    .map((column) => ({ column, before: value(before, column), after: value(after, column) }))
    .filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after));
}

/** A current row no previous row matched by key: where it is in the table, its key, and the row while few are kept. */
interface Unmatched {
  at: number;
  key: Row;
  row: Row | null;
  paired: boolean;
}

/** A changed row to show: where it is in the table, and its values in either release. */
interface Pair {
  at: number;
  before: Row;
  after: Row;
}

/** Rows to show whose values changed first, then those that only gained or lost a column, each in table order. */
function shown(pairs: Pair[], primaryKey: readonly string[]): RowExamples["changed"] {
  const rows = pairs.sort((a, b) => a.at - b.at).map((p) => ({ key: describeKey(p.after, primaryKey), columns: columnChanges(p.before, p.after) }));
  const valued = (row: (typeof rows)[number]) => row.columns.some((c) => c.before !== undefined && c.after !== undefined);
  return [...rows.filter(valued), ...rows.filter((r) => !valued(r))].slice(0, ROW_EXAMPLES);
}

/**
 * A table's rows, fed one at a time, against the previous release's table. Rows match by primary key, with each
 * value that refers to a row an earlier table renamed followed to its new key. Where the key is a digest of the
 * content (an article's id hashes its text, a target's its article, place and metric), an edit gives the row a new
 * key: rows that still match none are paired by the table's stable key, in table order, and count as changed, and
 * the keys they changed are recorded for the tables after. The first rows of each kind are kept to show: the new
 * values of changed rows as they pass, the old ones from a second read of the previous table.
 */
export class RowDiff {
  private readonly seen = new Set<string>();
  /** Previous rows by their key with references followed: the digest of the row as it was. */
  private readonly before = new Map<string, string>();
  /** Keys that match only because a reference in them was followed. */
  private readonly followed = new Set<string>();
  /** Current rows no previous row matched by key, in table order, and by stable key where the table has one. */
  private readonly unmatched: Unmatched[] = [];
  private readonly byStableKey = new Map<string, Unmatched[]>();
  /** Changed rows to show, by key: where they are in the table and their new values. */
  private readonly candidates = new Map<string, { at: number; after: Row }>();
  private readonly counts: DiffCounts = { added: 0, removed: 0, changed: 0, unchanged: 0, rekeyed: 0 };
  private rows = 0;
  /** Unmatched rows kept whole. */
  private kept = 0;

  private constructor(private readonly table: DiffedTable, private readonly previous: () => AsyncIterable<Row>, private readonly renames: Renames) {}

  static async against(table: DiffedTable, previous: () => AsyncIterable<Row>, renames: Renames = new Map()): Promise<RowDiff> {
    const diff = new RowDiff(table, previous, renames);
    for await (const row of previous()) {
      const key = keyOf(diff.follow(row), table.primaryKey);
      diff.before.set(key, digest(row));
      if (key !== keyOf(row, table.primaryKey)) diff.followed.add(key);
    }
    return diff;
  }

  /** The row with each value that refers to a renamed key set to the new key. */
  private follow(row: Row): Row {
    let out = row;
    for (const { fields, reference } of this.table.foreignKeys) {
      fields.forEach((field, i) => {
        const renamed = this.renames.get(`${reference.resource}.${reference.fields[i]}`);
        if (renamed?.has(row[field])) out = { ...out, [field]: renamed.get(row[field]) };
      });
    }
    return out;
  }

  add(row: Row): void {
    const at = this.rows++;
    const { primaryKey, stableKey } = this.table;
    const key = keyOf(row, primaryKey);
    const old = this.before.get(key);
    if (old === undefined) {
      this.counts.added++;
      // Only a row its stable key may pair can turn out changed and need its values shown.
      const kept = stableKey !== undefined && this.kept++ < ROW_EXAMPLES * CANDIDATES;
      const entry = { at, key: Object.fromEntries(primaryKey.map((c) => [c, row[c]])), row: kept ? row : null, paired: false };
      this.unmatched.push(entry);
      if (stableKey) {
        const stable = keyOf(row, stableKey);
        this.byStableKey.set(stable, [...(this.byStableKey.get(stable) ?? []), entry]);
      }
      return;
    }
    this.seen.add(key);
    if (old === digest(row)) return;
    this.counts.changed++;
    if (this.followed.has(key)) this.counts.rekeyed++;
    if (this.candidates.size < ROW_EXAMPLES * CANDIDATES) this.candidates.set(key, { at, after: row });
  }

  /** Pairs a previous row no current row matched by key with the first unpaired current row of its stable key. */
  private pair(old: Row, followed: Row): Unmatched | null {
    const current = this.table.stableKey && this.byStableKey.get(keyOf(followed, this.table.stableKey))?.find((u) => !u.paired);
    if (!current) return null;
    current.paired = true;
    this.counts.added--;
    this.counts.changed++;
    this.counts.rekeyed++;
    for (const column of this.table.primaryKey.filter((c) => old[c] !== current.key[c])) {
      const name = `${this.table.name}.${column}`;
      this.renames.set(name, (this.renames.get(name) ?? new Map()).set(old[column], current.key[column]));
    }
    return current;
  }

  /** Once every current row was added: the counts and the rows to show; the keys this table renamed are recorded. */
  async finish(): Promise<TableDiff> {
    const { primaryKey } = this.table;
    const removed: string[] = [];
    const pairs: Pair[] = [];
    let gone = 0;
    if (this.seen.size < this.before.size || this.candidates.size > 0) {
      for await (const row of this.previous()) {
        const followed = this.follow(row);
        const key = keyOf(followed, primaryKey);
        const candidate = this.candidates.get(key);
        if (candidate) pairs.push({ at: candidate.at, before: row, after: candidate.after });
        if (this.seen.has(key)) continue;
        const current = this.pair(row, followed);
        if (current?.row) pairs.push({ at: current.at, before: row, after: current.row });
        if (current) continue;
        gone++;
        if (removed.length < ROW_EXAMPLES) removed.push(describeKey(row, primaryKey));
      }
    }
    const added = this.unmatched.filter((u) => !u.paired).slice(0, ROW_EXAMPLES).map((u) => describeKey(u.key, primaryKey));
    return {
      counts: { ...this.counts, removed: gone, unchanged: this.rows - this.counts.added - this.counts.changed },
      examples: { added, removed, changed: shown(pairs, primaryKey) },
    };
  }
}
