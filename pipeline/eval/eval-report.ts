import { access, readdir } from "node:fs/promises";
import type { ArticleRow } from "../../schemas/articles.ts";
import type { TargetOutcomeRow } from "../../schemas/target-outcomes.ts";
import type { TargetRow } from "../../schemas/targets.ts";
import { readJsonl } from "../lib/files.ts";
import type { BuildPaths, GoldPaths } from "../lib/paths.ts";
import { formatOutcomes, formatStructure, HeadlineGold, loadCsv, OutcomeGold, scoreBuildStructure, scoreOutcomes, SectionGold } from "./evaluate-structure.ts";
import { evaluate, formatReport, loadGold } from "./evaluate-targets.ts";

const exists = (path: string) => access(path).then(() => true, () => false);

/** Every file any gold set names, so only those articles and their rows are read into memory. */
async function goldFilesNamed(gold: GoldPaths): Promise<Set<string>> {
  const named = new Set<string>();
  if (await exists(gold.targets)) for (const g of await loadGold(gold.targets)) named.add(g.file);
  if (await exists(gold.structure)) {
    for (const name of await readdir(gold.structure)) {
      if (/^sections\.\w+\.csv$/u.test(name)) for (const g of await loadCsv(`${gold.structure}/${name}`, SectionGold)) named.add(g.file);
      if (/^headline\.\w+\.csv$/u.test(name)) for (const g of await loadCsv(`${gold.structure}/${name}`, HeadlineGold)) named.add(g.file);
    }
  }
  if (await exists(gold.outcomes)) for (const g of await loadCsv(gold.outcomes, OutcomeGold)) named.add(g.target_file);
  return named;
}

/**
 * `make eval`'s report, which the dataset card carries too: the targets of the development articles (precision,
 * recall, accuracy per field), the structure of the annotated corpus (report year, place, headline recall,
 * indicator, kind and year agreement), and the outcome links. Over the build's articles that some gold set names
 * (by source file) and their rows only; null when there is none.
 */
export async function evalReport(paths: BuildPaths, gold: GoldPaths, { details = false, level = 2 } = {}): Promise<string | null> {
  const named = await goldFilesNamed(gold);
  const articles: ArticleRow[] = [];
  let total = 0;
  for await (const a of readJsonl<ArticleRow>(paths.extractTable("articles"))) {
    total++;
    if (named.has(a.source_file)) articles.push(a);
  }
  if (articles.length === 0) return null;
  const ids = new Set(articles.map((a) => a.article_id));
  const targets: TargetRow[] = [];
  for await (const t of readJsonl<TargetRow>(paths.extractTable("targets"))) if (ids.has(t.article_id)) targets.push(t);
  const heading = "#".repeat(level);
  const sections = [`Over the ${articles.length} of ${total} articles that the gold sets in \`pipeline/eval/gold/\` name (\`make eval\`).`];
  if (await exists(gold.targets)) {
    sections.push(`${heading} Targets of the development articles (targets-dev.csv)\n\n${formatReport(evaluate(await loadGold(gold.targets), targets, articles))}`);
  }
  if (await exists(gold.structure)) {
    const scores = await scoreBuildStructure(paths, gold.structure, articles, targets);
    sections.push(`${heading} Structure of the corpus (structure/*.csv)\n\n${formatStructure(scores, { details })}`);
  }
  if (await exists(gold.outcomes)) {
    const links: TargetOutcomeRow[] = [];
    for await (const l of readJsonl<TargetOutcomeRow>(paths.extractTable("target_outcomes"))) links.push(l);
    const files = new Map(articles.map((a) => [a.article_id, a.source_file]));
    sections.push(`${heading} Outcome links (structure/outcomes.C.csv)\n\n${formatOutcomes(scoreOutcomes(await loadCsv(gold.outcomes, OutcomeGold), links, targets, files))}`);
  }
  return sections.map((s) => s.trimEnd()).join("\n\n") + "\n";
}
