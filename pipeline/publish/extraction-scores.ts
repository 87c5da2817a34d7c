import { access } from "node:fs/promises";
import type { ArticleRow } from "../../schemas/articles.ts";
import type { TargetRow } from "../../schemas/targets.ts";
import { evaluate, formatReport, loadGold } from "../targets/evaluate.ts";

/**
 * The scores of `make eval` for the dataset card, over the release's articles that are in the gold set
 * (by source file) and their targets only, so articles nobody labelled do not count as false positives.
 * Null when the gold file is missing or no article of the release is in it.
 */
export async function extractionScores(goldPath: string, targets: readonly TargetRow[], articles: readonly ArticleRow[]): Promise<string | null> {
  if (!(await access(goldPath).then(() => true, () => false))) return null;
  const gold = await loadGold(goldPath);
  const labelled = new Set(gold.map((g) => g.file));
  const scored = articles.filter((a) => labelled.has(a.source_file));
  if (scored.length === 0) return null;
  const ids = new Set(scored.map((a) => a.article_id));
  const report = evaluate(gold, targets.filter((t) => ids.has(t.article_id)), scored);
  return `Scored against the hand-labelled development set \`tests/gold/targets-dev.csv\` on ${scored.length} of ${articles.length} articles (\`make eval\`).\n\n${formatReport(report)}`;
}
