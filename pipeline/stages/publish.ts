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
import type { StageContext } from "../stage.ts";
import { readValidatedTables } from "../validate/read-validated-tables.ts";

const goldPath = join(projectRoot, "tests", "gold", "targets-dev.csv");

/** Writes the release from the validated tables. */
export async function run({ dirs, paths, log }: StageContext): Promise<void> {
  const rows = await readValidatedTables(paths, tables);
  const info = readDatasetInfo();
  const previous = await readPreviousRelease(dirs.dist, info.version);
  if (previous) checkVersionBump(previous.version, info.version, schemaChanges(tables, previous));
  const scores = await extractionScores(goldPath, (rows.targets ?? []) as TargetRow[], (rows.articles ?? []) as ArticleRow[]);
  const outcome = await writeRelease(dirs.dist, info, buildRelease(info, tables, rows, { previous, scores }));
  log(`publish: v${info.version} ${outcome === "written" ? "written to" : "unchanged in"} ${paths.release(info.version)}`);
}
