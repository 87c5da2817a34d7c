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
import type { Stage } from "../stage.ts";
import { readValidatedTables } from "../validate/read-validated-tables.ts";

const goldPath = join(projectRoot, "tests", "gold", "targets-dev.csv");

export const publish: Stage = {
  name: "publish",
  description: "write dist/v<version>/ (CSV, JSON, Arrow, Parquet per table; datapackage.json, data dictionary, card, CHANGES.md) and its archive",
  reads: "validate",
  async run({ dirs, paths, log }) {
    const rows = await readValidatedTables(paths, tables);
    const info = readDatasetInfo();
    const previous = await readPreviousRelease(dirs.dist, info.version);
    if (previous) checkVersionBump(previous.version, info.version, schemaChanges(tables, previous));
    const scores = await extractionScores(goldPath, (rows.targets ?? []) as TargetRow[], (rows.articles ?? []) as ArticleRow[]);
    const outcome = await writeRelease(dirs.dist, info, buildRelease(info, tables, rows, { previous, scores }));
    log(`publish: v${info.version} ${outcome === "written" ? "written to" : "unchanged in"} ${paths.release(info.version)}`);
  },
};
