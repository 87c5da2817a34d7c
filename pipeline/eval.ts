import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { ArticleRow } from "../schemas/articles.ts";
import type { NormalizedArticle } from "../schemas/normalized-article.ts";
import type { TargetRow } from "../schemas/targets.ts";
import { SOURCES_FILE } from "./ingest/list-raw-files.ts";
import { readJsonlAll } from "./lib/files.ts";
import { buildPaths, defaultDirs, projectRoot } from "./paths.ts";
import { evaluate, formatReport, loadGold } from "./targets/evaluate.ts";
import { formatStructure, HeadlineGold, loadCsv, placeCodes, scoreStructure, SectionGold, type ScoredArticle } from "./targets/evaluate-structure.ts";

/**
 * `make eval`: scores the build's targets against the gold file of the five articles, then against the structure
 * gold of the corpus (report year, place, headline recall, kind and year agreement per corpus); markdown.
 */
const { values } = parseArgs({
  options: {
    build: { type: "string", default: defaultDirs.build },
    raw: { type: "string", default: defaultDirs.raw },
    gold: { type: "string", default: join(projectRoot, "tests", "gold") },
    details: { type: "boolean", default: false },
  },
});
const paths = buildPaths({ ...defaultDirs, build: values.build });
const [gold, targets, articles] = await Promise.all([
  loadGold(join(values.gold, "targets-dev.csv")),
  readJsonlAll<TargetRow>(paths.extractTable("targets")),
  readJsonlAll<ArticleRow & { report_year?: number | null }>(paths.extractTable("articles")),
]);
process.stdout.write(`## Targets of the five articles (targets-dev.csv)\n\n${formatReport(evaluate(gold, targets, articles))}\n`);

const structureDir = join(values.gold, "structure");
const corpora = (await readdir(structureDir)).flatMap((name) => name.match(/^sections\.(\w+)\.csv$/u)?.[1] ?? []).sort();
const places = new Map<string, string>();
for (const name of (await readdir(values.raw)).filter((n) => SOURCES_FILE.test(n))) {
  for (const [file, code] of placeCodes(await readFile(join(values.raw, name), "utf8"))) places.set(file, code);
}
const scored: ScoredArticle[] = await Promise.all(
  articles.map(async (a) => {
    const doc = JSON.parse(await readFile(paths.normalizedArticle(a.article_id), "utf8")) as NormalizedArticle;
    const year = a.report_year ?? (a.published_date ? Number(a.published_date.slice(0, 4)) : null);
    return { article_id: a.article_id, source_file: a.source_file, raw: doc.raw_text, text: doc.text, report_year: year, district_id: a.district_id };
  }),
);
const scores = await Promise.all(
  corpora.map(async (c) =>
    scoreStructure(
      c,
      await loadCsv(join(structureDir, `sections.${c}.csv`), SectionGold),
      await loadCsv(join(structureDir, `headline.${c}.csv`), HeadlineGold),
      places,
      scored,
      targets,
    ),
  ),
);
process.stdout.write(`## Structure of the corpus (structure/*.csv)\n\n${formatStructure(scores, { details: values.details })}`);
