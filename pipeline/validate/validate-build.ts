import { readFile } from "node:fs/promises";
import type { TableDef } from "../../schemas/column.ts";
import type { BuildPaths } from "../paths.ts";
import { fileSha256, readJsonlAll } from "../lib/files.ts";
import { requireInput } from "../lib/require-input.ts";
import { checkRules, type ArticleText } from "./check-rules.ts";
import { checkTables } from "./check-tables.ts";
import type { TableRule } from "./table-rules.ts";
import type { ValidationError } from "./validation-error.ts";

export interface BuildCheck {
  rows: Record<string, Record<string, unknown>[]>;
  /** SHA-256 of each extract table file that was checked. */
  inputs: Record<string, string>;
  errors: ValidationError[];
}

/** Reads the extracted tables and the article texts their rules point into, and checks them all. */
export async function validateBuild(paths: BuildPaths, defs: readonly TableDef[], rules: readonly TableRule[]): Promise<BuildCheck> {
  const rows: BuildCheck["rows"] = {};
  const inputs: BuildCheck["inputs"] = {};
  for (const def of defs) {
    await requireInput(paths.extractTable(def.name), "extract");
    rows[def.name] = await readJsonlAll(paths.extractTable(def.name));
    inputs[def.name] = await fileSha256(paths.extractTable(def.name));
  }
  const ids = new Set(rules.flatMap((rule) => ("article" in rule ? (rows[rule.table] ?? []).map((row) => String(row[rule.article])) : [])));
  const articles = new Map<string, ArticleText>();
  // Only plain ids name a file; anything else is reported as an unknown article.
  for (const id of [...ids].filter((i) => /^[0-9a-z_-]+$/i.test(i)).sort()) {
    const text = await readFile(paths.normalizedArticle(id), "utf8").catch(() => null);
    if (text !== null) articles.set(id, JSON.parse(text) as ArticleText);
  }
  const primaryKeys = Object.fromEntries(defs.map((d) => [d.name, d.primaryKey]));
  const errors = [...checkTables(defs, rows), ...checkRules(rules, primaryKeys, rows, articles)];
  return { rows, inputs, errors };
}
