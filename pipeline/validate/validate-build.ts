import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { TableDef } from "../../schemas/column.ts";
import type { NormalizedEntry } from "../../schemas/normalized-article.ts";
import type { BuildPaths } from "../lib/paths.ts";
import type { FileHashes } from "../lib/file-hashes.ts";
import { readJsonl, writeJson } from "../lib/files.ts";
import { sha256Hex } from "../lib/hash.ts";
import { IoError } from "../lib/io-error.ts";
import { readVerified } from "../lib/read-verified.ts";
import { requireInput } from "../lib/require-input.ts";
import { pointsOf, ruleChecker, type ArticleText } from "./check-rules.ts";
import { referenceCollector, tableChecker } from "./check-tables.ts";
import type { TableRule } from "./table-rules.ts";
import type { ValidationError } from "./validation-error.ts";

export interface BuildCheck {
  row_counts: Record<string, number>;
  /** SHA-256 of each extract table file that was checked. */
  inputs: Record<string, string>;
  errors: ValidationError[];
}

/** Articles whose texts are held at once: rows come grouped by article, so a few suffice, whatever the corpus size. */
const ARTICLES_HELD = 4;
/** Files read ahead of the article being checked, in manifest order (the order of the rows), so checks need not wait on the disk. */
const READ_AHEAD = 4;

/**
 * Loads normalized articles on demand, each only with the hash the normalize manifest gives it (`articleSha`, in
 * manifest order), and forgets the oldest, so validating a corpus of any size holds a few texts, not all of them.
 * An id the manifest does not list, or whose file is gone, is reported as an unknown article.
 */
function articleTexts(paths: BuildPaths, articleSha: ReadonlyMap<string, string>) {
  const held = new Map<string, ArticleText | null>();
  const order = [...articleSha.keys()];
  const position = new Map(order.map((id, i) => [id, i]));
  const reading = new Map<string, Promise<string | null>>();
  const read = (id: string) => {
    let file = reading.get(id);
    if (!file) {
      const sha = articleSha.get(id);
      file = sha === undefined ? Promise.resolve(null) : readVerified(paths.normalizedArticle(id), sha, "normalize").then((bytes) => bytes.toString("utf8"), missing);
      // A read ahead may be dropped unawaited: its failure counts only when its article is loaded.
      file.catch(() => {});
      reading.set(id, file);
    }
    return file;
  };
  return {
    held: held as ReadonlyMap<string, ArticleText | null>,
    async load(id: string): Promise<void> {
      if (held.has(id)) return;
      const at = position.get(id) ?? -1;
      // Reads started for articles already passed were not needed (their checks were remembered): dropped.
      for (const earlier of reading.keys()) if ((position.get(earlier) ?? -1) < at) reading.delete(earlier);
      for (let next = at + 1; at >= 0 && next <= at + READ_AHEAD && next < order.length; next++) void read(order[next]!);
      const text = await read(id);
      reading.delete(id);
      held.set(id, text === null ? null : (JSON.parse(text) as ArticleText));
      if (held.size > ARTICLES_HELD) held.delete(held.keys().next().value!);
    },
  };
}

/** A file that is not there reads as null; any other failure (a changed file) stops validation. */
const missing = (error: unknown) => (error instanceof IoError && error.code === "ENOENT" ? null : Promise.reject(error));

type Row = Record<string, unknown>;
/** Consecutive rows of one table about one article, from row number `first` on. */
type Group = { article: string; first: number; rows: Row[] };

/**
 * Text-rule results of earlier runs, per run of consecutive rows of one article, keyed by those rows, the
 * article's normalized hash and the validator's code: after one article changes, only its text is read again.
 */
async function readTextChecks(path: string, codeVersion: string): Promise<Map<string, ValidationError[]>> {
  const saved = existsSync(path) ? (JSON.parse(await readFile(path, "utf8")) as { code_version: string; groups: Record<string, ValidationError[]> }) : null;
  return new Map(saved?.code_version === codeVersion ? Object.entries(saved.groups) : []);
}

/**
 * Streams every extracted table once (twice for the tables foreign keys point at) and checks each row against
 * its schema, its table's keys and references, and the declared rules, loading article texts as rows need them.
 */
export async function validateBuild(paths: BuildPaths, defs: readonly TableDef[], rules: readonly TableRule[], codeVersion: string, fileHashes: FileHashes): Promise<BuildCheck> {
  const inputs: BuildCheck["inputs"] = {};
  for (const def of defs) {
    await requireInput(paths.extractTable(def.name), "extract");
    inputs[def.name] = await fileHashes.sha256(paths.extractTable(def.name));
  }
  const references = referenceCollector(defs);
  for (const table of references.tables) {
    for await (const row of readJsonl<Row>(paths.extractTable(table))) references.add(table, row);
  }
  const articleSha = new Map<string, string>();
  for await (const entry of readJsonl<NormalizedEntry>(paths.normalizeManifest)) articleSha.set(entry.article_id, entry.sha256);
  const earlier = await readTextChecks(paths.validateTextChecks, codeVersion);
  const textChecks = new Map<string, ValidationError[]>();
  const texts = articleTexts(paths, articleSha);
  const points = pointsOf(texts.held);
  const articleColumns = new Map(rules.flatMap((rule) => ("article" in rule ? [[rule.table, rule.article] as const] : [])));
  const row_counts: BuildCheck["row_counts"] = {};
  const errors: ValidationError[] = [];
  for (const def of defs) {
    const checkRow = tableChecker(def, references.keys);
    const checkRules = ruleChecker(rules, def.name, def.primaryKey, points);
    const articleColumn = articleColumns.get(def.name);
    let group = null as Group | null;
    // Errors are kept with row numbers relative to the group, so they still hold when rows before it change.
    const checkGroup = async ({ article, first, rows }: Group) => {
      const key = sha256Hex(JSON.stringify([def.name, articleSha.get(article) ?? null, rows]));
      let found = earlier.get(key);
      if (!found) {
        await texts.load(article);
        found = rows.flatMap((row, i) => checkRules(row, i));
      }
      textChecks.set(key, found);
      errors.push(...found.map((e) => ({ ...e, row: first + e.row })));
    };
    let count = 0;
    for await (const row of readJsonl<Row>(paths.extractTable(def.name))) {
      count++;
      errors.push(...checkRow(row, count));
      if (!articleColumn) {
        errors.push(...checkRules(row, count));
        continue;
      }
      const article = String(row[articleColumn]);
      if (group?.article !== article) {
        if (group) await checkGroup(group);
        group = { article, first: count, rows: [] };
      }
      group.rows.push(row);
    }
    if (group) await checkGroup(group);
    row_counts[def.name] = count;
  }
  await writeJson(paths.validateTextChecks, { code_version: codeVersion, groups: Object.fromEntries(textChecks) });
  return { row_counts, inputs, errors };
}
