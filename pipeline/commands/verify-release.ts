import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { extract } from "tar";
import { z } from "zod";
import { fileSha256 } from "../lib/files.ts";
import { releasePaths } from "../lib/paths.ts";
import { describeKey } from "../lib/row-key.ts";
import { checkFiles, type ReleaseProblem } from "../publish/check-files.ts";
import { readRelease, type Release, type ReleaseResource } from "../publish/read-release.ts";
import { referenceCollector, tableChecker } from "../validate/check-tables.ts";
import { tableDefOf } from "../validate/table-def-of.ts";
import type { TableDef } from "../../schemas/column.ts";
import type { TableSchema } from "../../schemas/datapackage.ts";

type Row = Record<string, unknown>;

export interface TableSummary {
  name: string;
  rows: number;
  formats: string[];
  primaryKey: string[];
  foreignKeys: number;
}

/** What verify found: the release's facts, its tables, and every problem (none when the release is sound). */
export interface Verification {
  path: string;
  name: string | null;
  version: string | null;
  created: string | null;
  /** Files SHA256SUMS lists, and resources datapackage.json lists. */
  files: number;
  resources: number;
  tables: TableSummary[];
  problems: ReleaseProblem[];
}

/** One file of a table as it is read alongside the others, a row of each at a time. */
interface OpenFile {
  resource: ReleaseResource;
  rows: AsyncIterator<Row>;
  count: number;
  done: boolean;
  /** Stopped by a read error, reported once: its count then says nothing more. */
  failed: boolean;
  differing: number;
  /** The first row that differs from the reference file's: where, and the differing values on either side. */
  firstDiffering: { at: string; expected: string; found: string } | null;
}

/** The columns whose values differ between two rows, each as `column value`, for a problem's expected and found. */
function differingValues(columns: readonly string[], expected: Row, found: Row): { expected: string; found: string } {
  const differ = columns.filter((c) => JSON.stringify(expected[c]) !== JSON.stringify(found[c]));
  const show = (row: Row) => differ.map((c) => `${c} ${JSON.stringify(row[c]) ?? "(none)"}`).join(", ");
  return { expected: show(expected), found: show(found) };
}

/**
 * The files of one table read side by side, row by row: the reference file's rows (JSON where there is one)
 * go to `check`, and each other file's row must hold the same values as the reference's row of the same number.
 * Nothing is held but the current rows, whatever the table's size.
 */
async function compareFiles(def: TableDef, resources: readonly ReleaseResource[], reference: ReleaseResource, check: (row: Row, rowNumber: number) => ReleaseProblem[]): Promise<{ rows: number; problems: ReleaseProblem[] }> {
  const columns = reference.schema.fields.map((f) => f.name);
  const problems: ReleaseProblem[] = [];
  const files: OpenFile[] = resources.map((resource) => ({ resource, rows: resource.rows()[Symbol.asyncIterator](), count: 0, done: false, failed: false, differing: 0, firstDiffering: null }));
  const ref = files.find((f) => f.resource === reference)!;
  const next = async (file: OpenFile): Promise<Row | null> => {
    if (file.done) return null;
    try {
      const { value, done } = await file.rows.next();
      if (done) file.done = true;
      else file.count++;
      return done ? null : value;
    } catch (error) {
      problems.push({ file: file.resource.label, what: `unreadable after ${file.count} rows: ${(error as Error).message}` });
      file.done = file.failed = true;
      return null;
    }
  };
  while (files.some((f) => !f.done)) {
    const rows = await Promise.all(files.map(next));
    const refRow = rows[files.indexOf(ref)];
    // Values in the schema's column order: a file's own column order is checked once, on its first row.
    const values = refRow ? JSON.stringify(columns.map((c) => refRow[c])) : null;
    if (refRow) problems.push(...check(refRow, ref.count));
    files.forEach((file, i) => {
      const row = rows[i];
      if (!row) return;
      if (file.count === 1 && Object.keys(row).join(",") !== columns.join(",")) problems.push({ file: file.resource.label, what: "columns", expected: columns.join(","), found: Object.keys(row).join(",") });
      if (file === ref || values === null || JSON.stringify(columns.map((c) => row[c])) === values) return;
      if (file.differing++ === 0) file.firstDiffering = { at: `row ${file.count} (key ${describeKey(row, def.primaryKey)})`, ...differingValues(columns, refRow!, row) };
    });
  }
  for (const file of files.filter((f) => f !== ref && !f.failed && !ref.failed)) {
    if (file.count !== ref.count) problems.push({ file: file.resource.label, what: `rows (as ${ref.resource.label})`, expected: String(ref.count), found: String(file.count) });
    if (file.firstDiffering) {
      const { at, expected, found } = file.firstDiffering;
      problems.push({ file: file.resource.label, what: `${file.differing} row(s) differ from ${ref.resource.label}, the first is ${at}`, expected, found });
    }
  }
  return { rows: ref.count, problems };
}

/**
 * Every table against the release's own Table Schema: the JSON file (the rows as the release states them) row
 * by row against the schema, its primary key and foreign keys (the checks of validate), and every other format
 * against the JSON file: the same rows in the same order, so they hold to the schema too.
 */
async function checkTables(release: Release): Promise<{ tables: TableSummary[]; problems: ReleaseProblem[] }> {
  const problems: ReleaseProblem[] = [];
  const present = (r: ReleaseResource) => existsSync(join(release.dir, r.path));
  const referenceOf = (resources: readonly ReleaseResource[]) => resources.find((r) => r.format === "json" && present(r)) ?? resources.find(present);
  const defs = release.tables.map((t) => tableDefOf(t.name, t.schema));
  const references = referenceCollector(defs);
  // The keys foreign keys point at are gathered as their table is checked (a release lists referenced tables
  // first); only a table referred to before its own turn is read ahead.
  const turn = new Map(release.tables.map((t, i) => [t.name, i]));
  const ahead = new Set(defs.flatMap((def, i) => def.foreignKeys.map((fk) => fk.reference.resource).filter((r) => (turn.get(r) ?? -1) >= i)));
  for (const table of release.tables.filter((t) => ahead.has(t.name))) {
    const reference = referenceOf(table.resources);
    try {
      if (reference) for await (const row of reference.rows()) references.add(table.name, row);
    } catch {
      // Reported as the file's own problem when its table is checked.
    }
  }
  const tables: TableSummary[] = [];
  for (const [i, table] of release.tables.entries()) {
    const def = defs[i]!;
    // A CSV types a list as delimited text, so formats may type a column differently; they name the same columns and keys.
    const shape = (s: TableSchema) => JSON.stringify([s.fields.map((f) => f.name), s.primaryKey, s.foreignKeys]);
    for (const r of table.resources.filter((r) => shape(r.schema) !== shape(table.schema))) {
      problems.push({ file: "datapackage.json", what: `the ${r.format} resource of ${table.name} names other columns or keys than its json resource` });
    }
    const reference = referenceOf(table.resources);
    if (!reference) continue;
    const check = tableChecker(def, references.keys);
    const gather = references.tables.has(table.name) && !ahead.has(table.name);
    const compared = await compareFiles(def, table.resources.filter(present), reference, (row, rowNumber) => {
      if (gather) references.add(table.name, row);
      return check(row, rowNumber).map((e) => ({ file: reference.label, what: `row ${e.row} (key ${e.key}) ${e.field || "-"}: ${e.type}: ${e.message}`, found: JSON.stringify(e.value) }));
    });
    problems.push(...compared.problems);
    tables.push({ name: table.name, rows: compared.rows, formats: table.resources.map((r) => r.format), primaryKey: def.primaryKey, foreignKeys: def.foreignKeys.length });
  }
  return { tables, problems };
}

/** A zod failure of datapackage.json, one problem per issue. */
const packageProblems = (error: unknown): ReleaseProblem[] =>
  error instanceof z.ZodError
    ? error.issues.map((issue) => ({ file: "datapackage.json", what: `${issue.path.join(".") || "-"}: ${issue.message}` }))
    : [{ file: "datapackage.json", what: `unreadable: ${(error as Error).message}` }];

/** A release that could not be read as far as its tables. */
const unread = (path: string, problems: ReleaseProblem[]): Verification => ({ path, name: null, version: null, created: null, files: 0, resources: 0, tables: [], problems });

/** CITATION.cff (from v0.5.0 on) must cite the release's own version, which its checksum cannot tell. */
async function citationProblems(dir: string, version: string): Promise<ReleaseProblem[]> {
  const path = releasePaths(dir).citation;
  if (!existsSync(path)) return [];
  const cited = /^version: "(.*)"$/m.exec(await readFile(path, "utf8"))?.[1];
  return cited === version ? [] : [{ file: basename(path), what: "version", expected: version, found: cited ?? "none" }];
}

async function verifyFolder(path: string, dir: string): Promise<Verification> {
  let release: Release;
  try {
    release = await readRelease(dir);
  } catch (error) {
    const problems = existsSync(releasePaths(dir).datapackage) ? packageProblems(error) : [{ file: "datapackage.json", what: "missing" }];
    // SHA256SUMS still says whether the files are the published ones.
    return unread(path, [...problems, ...(await checkFiles(dir, [])).problems]);
  }
  const { name, version, created, resources } = release.datapackage;
  const files = await checkFiles(dir, resources);
  const folder = basename(dir);
  const named = folder === `v${version}` ? [] : [{ file: "datapackage.json", what: "version (the folder's name)", expected: folder.replace(/^v/, ""), found: version }];
  const { tables, problems } = await checkTables(release);
  const cited = [...named, ...(await citationProblems(dir, version))];
  return { path, name, version, created, files: files.listed, resources: resources.length, tables, problems: [...cited, ...files.problems, ...problems] };
}

/** A release archive: its checksum file beside it, if there, then the one release folder it holds. */
async function verifyArchive(path: string): Promise<Verification> {
  const problems: ReleaseProblem[] = [];
  const sidecar = `${path}.sha256`;
  if (existsSync(sidecar)) {
    const [hash] = (await readFile(sidecar, "utf8")).split(/\s+/);
    const found = await fileSha256(path);
    if (hash !== found) problems.push({ file: basename(path), what: `sha256 (${basename(sidecar)})`, expected: hash ?? "", found });
  }
  const tmp = await mkdtemp(join(tmpdir(), "verify-"));
  try {
    await extract({ file: path, cwd: tmp });
    const folders = await readdir(tmp);
    if (folders.length !== 1) return unread(path, [...problems, { file: basename(path), what: "folders in the archive", expected: "1", found: String(folders.length) }]);
    const verified = await verifyFolder(path, join(tmp, folders[0]!));
    return { ...verified, problems: [...problems, ...verified.problems] };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * Checks a release folder or its .tar.gz archive: SHA256SUMS, each resource's bytes and sha256, every table file
 * against the release's own Table Schemas (so any version checks against the schema it was published with),
 * and that a table's formats hold the same rows.
 */
export function verifyRelease(path: string): Promise<Verification> {
  return path.endsWith(".tar.gz") ? verifyArchive(path) : verifyFolder(path, path);
}
