import { join } from "node:path";
import { parseArgs } from "node:util";
import type { ArticleRow } from "../schemas/articles.ts";
import type { TargetRow } from "../schemas/targets.ts";
import { readJsonlAll } from "./lib/files.ts";
import { buildPaths, defaultDirs, projectRoot } from "./paths.ts";
import { evaluate, formatReport, loadGold } from "./targets/evaluate.ts";

/** `make eval`: scores build/extract/targets.jsonl against the gold file and prints the markdown report. */
const { values } = parseArgs({
  options: {
    build: { type: "string", default: defaultDirs.build },
    gold: { type: "string", default: join(projectRoot, "tests", "gold", "targets-dev.csv") },
  },
});
const paths = buildPaths({ ...defaultDirs, build: values.build });
const [gold, targets, articles] = await Promise.all([
  loadGold(values.gold),
  readJsonlAll<TargetRow>(paths.extractTable("targets")),
  readJsonlAll<ArticleRow>(paths.extractTable("articles")),
]);
process.stdout.write(formatReport(evaluate(gold, targets, articles)));
