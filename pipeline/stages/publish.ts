import { join } from "node:path";
import { tables, type ArticleRow, type TargetRow } from "../../schemas/index.ts";
import { projectRoot } from "../paths.ts";
import { buildRelease } from "../publish/build-release.ts";
import { checkVersionBump } from "../publish/check-version-bump.ts";
import { readDatasetInfo } from "../publish/dataset-info.ts";
import { extractionScores } from "../publish/extraction-scores.ts";
import { readPreviousRelease } from "../publish/read-previous-release.ts";
import { schemaChanges } from "../publish/schema-changes.ts";
import { writeRelease } from "../publish/write-release.ts";
import { PipelineError, type Stage } from "../stage.ts";
import { tableRules } from "../validate/table-rules.ts";
import { validateBuild } from "../validate/validate-build.ts";
import { refusal } from "../validate/validation-error.ts";

const goldPath = join(projectRoot, "tests", "gold", "targets-dev.csv");

export const publish: Stage = {
  name: "publish",
  description: "write dist/v<version>/ (CSV, JSON, Arrow, Parquet per table; datapackage.json, data dictionary, card, CHANGES.md) and its archive",
  reads: "validate",
  async run({ dirs, paths, log }) {
    // Checks again what it publishes: rows edited after `make validate` cannot slip through.
    const { rows, errors } = await validateBuild(paths, tables, tableRules);
    if (errors.length > 0) throw new PipelineError(refusal(errors));
    const info = readDatasetInfo();
    const previous = await readPreviousRelease(dirs.dist, info.version);
    if (previous) checkVersionBump(previous.version, info.version, schemaChanges(tables, previous));
    const scores = await extractionScores(goldPath, (rows.targets ?? []) as TargetRow[], (rows.articles ?? []) as ArticleRow[]);
    const outcome = await writeRelease(dirs.dist, info, buildRelease(info, tables, rows, { previous, scores }));
    log(`publish: v${info.version} ${outcome === "written" ? "written to" : "unchanged in"} ${paths.release(info.version)}`);
  },
};
