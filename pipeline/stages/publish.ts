import { stat } from "node:fs/promises";
import { join } from "node:path";
import { tables } from "../../schemas/index.ts";
import { goldFiles } from "../lib/paths.ts";
import { buildRelease } from "../publish/build-release.ts";
import { checkVersionBump } from "../publish/check-version-bump.ts";
import { readDatasetInfo } from "../publish/dataset-info.ts";
import { estimateReleaseBytes } from "../publish/estimate-release-bytes.ts";
import { evalReport } from "../eval/eval-report.ts";
import { readPreviousRelease } from "../publish/read-previous-release.ts";
import { schemaChanges } from "../publish/schema-changes.ts";
import { writeRelease } from "../publish/write-release.ts";
import { buildSite } from "../site/build-site.ts";
import { PipelineError, type StageContext } from "./stage.ts";
import { readValidatedTables } from "../validate/read-validated-tables.ts";

/** The explorer in the release's site/ folder, its files named by their path in the release. */
const siteOf = async (release: string, folder: string) =>
  (await buildSite(release, join(release, folder))).map((f) => ({ ...f, path: `${folder}/${f.path}` }));

/** Writes the release from the validated tables; an existing version must come out byte for byte as it was. */
export async function finish({ dirs, paths, log, fileHashes }: StageContext): Promise<void> {
  const info = readDatasetInfo();
  const { rows, rowCounts } = await readValidatedTables(paths, tables, fileHashes);
  const scores = await evalReport(paths, goldFiles, { level: 3 });
  const tableBytes = (await Promise.all(tables.map((t) => stat(paths.extractTable(t.name))))).reduce((sum, s) => sum + s.size, 0);
  // The previous release is read under the dist lock too, so CHANGES.md compares with what is published now.
  const outcome = await writeRelease(dirs.dist, info, async (dir) => {
    const previous = await readPreviousRelease(dirs.dist, info.version);
    if (previous) checkVersionBump(previous.version, info.version, schemaChanges(tables, previous));
    const written = await buildRelease(dir, info, tables, rows, { previous, scores, site: (release) => siteOf(release, "site") });
    const wrong = tables.filter((t) => written[t.name] !== rowCounts[t.name]).map((t) => `${t.name} ${written[t.name]} of ${rowCounts[t.name]}`);
    if (wrong.length > 0) throw new PipelineError(`the release holds other row counts than validate checked (${wrong.join(", ")}); nothing was published`);
  }, { bytesNeeded: estimateReleaseBytes(tableBytes), log });
  const where = paths.release(info.version);
  if (outcome.kind === "repaired") log(`publish: v${info.version} repaired in ${where} (restored ${outcome.restored.join(", ")})`);
  else log(`publish: v${info.version} ${outcome.kind === "written" ? "written to" : "unchanged in"} ${where}`);
}
