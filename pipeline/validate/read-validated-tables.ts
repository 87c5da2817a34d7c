import { readFile } from "node:fs/promises";
import type { TableDef } from "../../schemas/column.ts";
import type { FileHashes } from "../lib/file-hashes.ts";
import { readJsonl } from "../lib/files.ts";
import { requireInput } from "../lib/require-input.ts";
import type { BuildPaths } from "../lib/paths.ts";
import type { TableRows } from "../lib/table-rows.ts";
import { PipelineError } from "../lib/pipeline-error.ts";
import { refusal, type ValidationError } from "./validation-error.ts";

interface Report {
  valid: boolean;
  inputs: Record<string, string>;
  row_counts: Record<string, number>;
  errors: ValidationError[];
}

export interface ValidatedTables {
  rows: TableRows;
  /** Rows per table as validate counted them: what the release must hold. */
  rowCounts: Readonly<Record<string, number>>;
}

/**
 * The extracted tables exactly as the validate stage passed them, read as streams. Publish trusts the report
 * instead of checking everything again, and the table hashes in it make sure no row edited after
 * `make validate` slips through.
 */
export async function readValidatedTables(paths: BuildPaths, defs: readonly TableDef[], fileHashes: FileHashes): Promise<ValidatedTables> {
  await requireInput(paths.validateReport, "validate");
  const report = JSON.parse(await readFile(paths.validateReport, "utf8")) as Report;
  if (!report.valid) throw new PipelineError(refusal(report.errors));
  for (const def of defs) {
    const path = paths.extractTable(def.name);
    await requireInput(path, "extract");
    if ((await fileHashes.sha256(path)) !== report.inputs[def.name]) {
      throw new PipelineError(`${path} changed after it was validated; nothing is published: run the validate stage again (make validate)`);
    }
  }
  return { rows: (table) => readJsonl(paths.extractTable(table)), rowCounts: report.row_counts };
}
