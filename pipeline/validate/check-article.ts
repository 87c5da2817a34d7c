import type { TableDef } from "../../schemas/column.ts";
import { checkRules, type ArticleText } from "./check-rules.ts";
import { tableChecker } from "./check-tables.ts";
import type { TableRule } from "./table-rules.ts";
import type { Rows, ValidationError } from "./validation-error.ts";

/**
 * The checks of validate that one article's rows fail or pass on their own: each row against its table's schema,
 * and the declared rules against the article's texts. Keys and references across articles stay validate's.
 */
export function checkArticle(defs: readonly TableDef[], rules: readonly TableRule[], rows: Rows, articleId: string, texts: ArticleText): ValidationError[] {
  const own = defs.filter((def) => def.name in rows);
  const schemaErrors = own.flatMap((def) => {
    const check = tableChecker(def, new Map());
    return rows[def.name]!.flatMap((row, i) => check(row, i + 1));
  });
  const primaryKeys = Object.fromEntries(own.map((def) => [def.name, def.primaryKey]));
  return [...schemaErrors, ...checkRules(rules, primaryKeys, rows, new Map([[articleId, texts]]))];
}
