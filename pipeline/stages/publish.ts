import { readFile } from "node:fs/promises";
import { tables } from "../../schemas/index.ts";
import { fileSha256, readJsonlAll } from "../lib/files.ts";
import { requireInput } from "../lib/require-input.ts";
import { buildRelease, type TableRows } from "../publish/build-release.ts";
import { readDatasetInfo } from "../publish/dataset-info.ts";
import { writeRelease } from "../publish/write-release.ts";
import { PipelineError, type Stage } from "../stage.ts";

export const publish: Stage = {
  name: "publish",
  description: "write dist/v<version>/: CSV, JSON and Arrow per table, data dictionary, datapackage.json, SHA256SUMS",
  reads: "validate",
  async run({ dirs, paths, log }) {
    await requireInput(paths.validateReport, "validate");
    const report = JSON.parse(await readFile(paths.validateReport, "utf8")) as { valid: boolean; inputs: Record<string, string> };
    if (!report.valid) throw new PipelineError(`the last validation failed (${paths.validateReport}); nothing is published`);
    const rows: Record<string, TableRows> = {};
    for (const def of tables) {
      const path = paths.extractTable(def.name);
      if ((await fileSha256(path)) !== report.inputs[def.name]) {
        throw new PipelineError(`${path} changed since it was validated; run the validate stage again (make validate)`);
      }
      rows[def.name] = await readJsonlAll(path);
    }
    const info = readDatasetInfo();
    const outcome = await writeRelease(dirs.dist, info, buildRelease(info, tables, rows));
    log(`publish: v${info.version} ${outcome === "written" ? "written to" : "unchanged in"} ${paths.release(info.version)}`);
  },
};
