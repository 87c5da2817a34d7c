import { join } from "node:path";
import { tables } from "../../schemas/index.ts";
import { goldFiles } from "../lib/paths.ts";
import { buildRelease } from "../publish/build-release.ts";
import { checkVersionBump } from "../publish/check-version-bump.ts";
import { readDatasetInfo } from "../publish/dataset-info.ts";
import { evalReport } from "../eval/eval-report.ts";
import { readPreviousRelease } from "../publish/read-previous-release.ts";
import { schemaChanges } from "../publish/schema-changes.ts";
import { writeRelease } from "../publish/write-release.ts";
import { buildSite } from "../site/build-site.ts";
import type { StageContext } from "./stage.ts";
import { readValidatedTables } from "../validate/read-validated-tables.ts";

/** The explorer in the release's site/ folder, its files named by their path in the release. */
const siteOf = async (release: string, folder: string) =>
  (await buildSite(release, join(release, folder))).map((f) => ({ ...f, path: `${folder}/${f.path}` }));

/** Writes the release from the validated tables; an existing version must come out byte for byte as it was. */
export async function finish({ dirs, paths, log }: StageContext): Promise<void> {
  const info = readDatasetInfo();
  const rows = await readValidatedTables(paths, tables);
  const previous = await readPreviousRelease(dirs.dist, info.version);
  if (previous) checkVersionBump(previous.version, info.version, schemaChanges(tables, previous));
  const scores = await evalReport(paths, goldFiles, { level: 3 });
  const outcome = await writeRelease(dirs.dist, info, (dir) =>
    buildRelease(dir, info, tables, rows, { previous, scores, site: (release) => siteOf(release, "site") }),
  );
  log(`publish: v${info.version} ${outcome === "written" ? "written to" : "unchanged in"} ${paths.release(info.version)}`);
}
