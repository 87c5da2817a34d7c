import { readFile } from "node:fs/promises";
import type { TableDef } from "../../schemas/column.ts";
import type { BuildPaths } from "../paths.ts";
import { fileSha256, readJsonl } from "../lib/files.ts";
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

/**
 * Loads normalized articles on demand and forgets the oldest, so validating a corpus of any size holds a few
 * texts, not all of them. Only plain ids name a file; anything else is reported as an unknown article.
 */
function articleTexts(paths: BuildPaths) {
  const held = new Map<string, ArticleText | null>();
  return {
    held: held as ReadonlyMap<string, ArticleText | null>,
    async load(id: string): Promise<void> {
      if (held.has(id)) return;
      const text = /^[0-9a-z_-]+$/i.test(id) ? await readFile(paths.normalizedArticle(id), "utf8").catch(() => null) : null;
      held.set(id, text === null ? null : (JSON.parse(text) as ArticleText));
      if (held.size > ARTICLES_HELD) held.delete(held.keys().next().value!);
    },
  };
}

/**
 * Streams every extracted table once (twice for the tables foreign keys point at) and checks each row against
 * its schema, its table's keys and references, and the declared rules, loading article texts as rows need them.
 */
export async function validateBuild(paths: BuildPaths, defs: readonly TableDef[], rules: readonly TableRule[]): Promise<BuildCheck> {
  const inputs: BuildCheck["inputs"] = {};
  for (const def of defs) {
    await requireInput(paths.extractTable(def.name), "extract");
    inputs[def.name] = await fileSha256(paths.extractTable(def.name));
  }
  const references = referenceCollector(defs);
  for (const table of references.tables) {
    for await (const row of readJsonl<Record<string, unknown>>(paths.extractTable(table))) references.add(table, row);
  }
  const texts = articleTexts(paths);
  const points = pointsOf(texts.held);
  const articleColumns = [...new Set(rules.flatMap((rule) => ("article" in rule ? [rule] : [])).map((rule) => [rule.table, rule.article] as const))];
  const row_counts: BuildCheck["row_counts"] = {};
  const errors: ValidationError[] = [];
  for (const def of defs) {
    const checkRow = tableChecker(def, references.keys);
    const checkRules = ruleChecker(rules, def.name, def.primaryKey, points);
    const articleColumn = articleColumns.find(([table]) => table === def.name)?.[1];
    let count = 0;
    for await (const row of readJsonl<Record<string, unknown>>(paths.extractTable(def.name))) {
      count++;
      if (articleColumn) await texts.load(String(row[articleColumn]));
      errors.push(...checkRow(row, count), ...checkRules(row, count));
    }
    row_counts[def.name] = count;
  }
  return { row_counts, inputs, errors };
}
