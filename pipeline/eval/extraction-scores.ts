import { access } from "node:fs/promises";
import type { ArticleRow } from "../../schemas/articles.ts";
import type { TargetRow } from "../../schemas/targets.ts";
import { evaluate, formatReport, loadGold } from "./evaluate-targets.ts";
import type { TableRows } from "../lib/table-rows.ts";

/**
 * The scores of `make eval` for the dataset card, over the release's articles that are in the gold set
 * (by source file) and their targets only, so articles nobody labelled do not count as false positives.
 * Null when the gold file is missing or no article of the release is in it.
 */
export async function extractionScores(goldPath: string, rows: TableRows): Promise<string | null> {
  if (!(await access(goldPath).then(() => true, () => false))) return null;
  const gold = await loadGold(goldPath);
  const labelled = new Set(gold.map((g) => g.file));
  // Streamed: only the labelled articles and their targets are kept.
  const scored: ArticleRow[] = [];
  let articles = 0;
  for await (const article of rows("articles") as AsyncIterable<ArticleRow>) {
    articles++;
    if (labelled.has(article.source_file)) scored.push(article);
  }
  if (scored.length === 0) return null;
  const ids = new Set(scored.map((a) => a.article_id));
  const targets: TargetRow[] = [];
  for await (const target of rows("targets") as AsyncIterable<TargetRow>) if (ids.has(target.article_id)) targets.push(target);
  const report = evaluate(gold, targets, scored);
  return `Scored against the hand-labelled development set \`tests/gold/targets-dev.csv\` on ${scored.length} of ${articles} articles (\`make eval\`).\n\n${formatReport(report)}`;
}
