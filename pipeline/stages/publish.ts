import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { tables } from "../../schemas/index.ts";
import { datasetInfoPath, goldTargetsPath, projectRoot } from "../lib/paths.ts";
import { buildRelease } from "../publish/build-release.ts";
import { checkVersionBump } from "../publish/check-version-bump.ts";
import { readDatasetInfo } from "../publish/dataset-info.ts";
import { extractionScores } from "../eval/extraction-scores.ts";
import { readPreviousRelease } from "../publish/read-previous-release.ts";
import { schemaChanges } from "../publish/schema-changes.ts";
import { writeRelease } from "../publish/write-release.ts";
import { fileSha256, writeJson } from "../lib/files.ts";
import { sha256Hex } from "../lib/hash.ts";
import { requireInput } from "../lib/require-input.ts";
import { codeVersion } from "../lib/stage-cache.ts";
import type { StageContext } from "./stage.ts";
import { readValidatedTables } from "../validate/read-validated-tables.ts";


/**
 * What a release is built from: the validate report (which holds the tables' hashes), the dataset description,
 * the gold file behind the card's scores and publish's own code.
 */
async function releaseBasis(paths: StageContext["paths"]): Promise<string> {
  const inputs = await Promise.all([paths.validateReport, datasetInfoPath, goldTargetsPath].map((path) => fileSha256(path)));
  return sha256Hex(JSON.stringify([await codeVersion(new URL(import.meta.url)), ...inputs]));
}

/**
 * Writes the release from the validated tables. When the release this build would write is already in place,
 * built from the same basis and with its checksums untouched, it is left as it is without rebuilding it.
 */
export async function run({ dirs, paths, log }: StageContext): Promise<void> {
  await requireInput(paths.validateReport, "validate");
  const info = readDatasetInfo();
  const target = paths.release(info.version);
  const sums = join(target, "SHA256SUMS");
  const stamp = { basis: await releaseBasis(paths), release: target };
  const previousStamp = existsSync(paths.publishStamp) ? (JSON.parse(await readFile(paths.publishStamp, "utf8")) as typeof stamp & { sums: string }) : null;
  if (previousStamp?.basis === stamp.basis && previousStamp.release === target && existsSync(sums) && (await fileSha256(sums)) === previousStamp.sums) {
    log(`publish: v${info.version} unchanged in ${target} (same validated tables, dataset.json and code)`);
    return;
  }
  const rows = await readValidatedTables(paths, tables);
  const previous = await readPreviousRelease(dirs.dist, info.version);
  if (previous) checkVersionBump(previous.version, info.version, schemaChanges(tables, previous));
  const scores = await extractionScores(goldTargetsPath, rows);
  const outcome = await writeRelease(dirs.dist, info, (dir) => buildRelease(dir, info, tables, rows, { previous, scores }));
  await writeJson(paths.publishStamp, { ...stamp, sums: await fileSha256(sums) });
  log(`publish: v${info.version} ${outcome === "written" ? "written to" : "unchanged in"} ${target}`);
}
