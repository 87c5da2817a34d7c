import { parseArgs } from "node:util";
import type { ArticleRow } from "../schemas/articles.ts";
import type { TargetRow } from "../schemas/targets.ts";
import { readJsonlAll } from "./lib/files.ts";
import { buildPaths, defaultDirs, goldDir, goldPaths } from "./lib/paths.ts";
import { evaluate, formatReport, loadGold } from "./eval/evaluate-targets.ts";
import type { TargetOutcomeRow } from "../schemas/target-outcomes.ts";
import { formatOutcomes, formatStructure, loadCsv, OutcomeGold, scoreBuildStructure, scoreOutcomes } from "./eval/evaluate-structure.ts";

/**
 * `make eval`: scores the build's targets against the gold file of the five articles, then against the structure
 * gold of the corpus (report year, place, headline recall, kind and year agreement per corpus); markdown.
 */
const { values } = parseArgs({
  options: {
    build: { type: "string", default: defaultDirs.build },
    gold: { type: "string", default: goldDir },
    details: { type: "boolean", default: false },
  },
});
const paths = buildPaths({ ...defaultDirs, build: values.build });
const goldFiles = goldPaths(values.gold);
const [gold, targets, articles] = await Promise.all([
  loadGold(goldFiles.targets),
  readJsonlAll<TargetRow>(paths.extractTable("targets")),
  readJsonlAll<ArticleRow>(paths.extractTable("articles")),
]);
process.stdout.write(`## Targets of the five articles (targets-dev.csv)\n\n${formatReport(evaluate(gold, targets, articles))}\n`);

const scores = await scoreBuildStructure(paths, goldFiles.structure, articles, targets);
process.stdout.write(`## Structure of the corpus (structure/*.csv)\n\n${formatStructure(scores, { details: values.details })}\n`);
const [outcomeGold, links] = await Promise.all([
  loadCsv(goldFiles.outcomes, OutcomeGold),
  readJsonlAll<TargetOutcomeRow>(paths.extractTable("target_outcomes")),
]);
const files = new Map(articles.map((a) => [a.article_id, a.source_file]));
process.stdout.write(`## Outcome links (structure/outcomes.C.csv)\n\n${formatOutcomes(scoreOutcomes(outcomeGold, links, targets, files))}`);
