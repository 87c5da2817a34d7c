import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tables } from "../../schemas/index.ts";
import { fileSha256, writeJson } from "../lib/files.ts";
import { requireInput } from "../lib/require-input.ts";
import { codeVersion } from "../lib/stage-cache.ts";
import { PipelineError, type StageContext } from "./stage.ts";
import { tableRules } from "../validate/table-rules.ts";
import { validateBuild } from "../validate/validate-build.ts";
import { refusal } from "../validate/validation-error.ts";

/** Checks the extracted tables, streaming, and writes the report publish trusts. */
export async function run({ paths, log }: StageContext): Promise<void> {
  await requireInput(paths.normalizeManifest, "normalize");
  // The normalize manifest holds each article's hash: with the tables' hashes, it is everything checked.
  const basis = { code_version: await codeVersion(new URL(import.meta.url)), articles_sha256: await fileSha256(paths.normalizeManifest) };
  const previous = existsSync(paths.validateReport) ? JSON.parse(await readFile(paths.validateReport, "utf8")) : null;
  if (previous?.valid && previous.code_version === basis.code_version && previous.articles_sha256 === basis.articles_sha256) {
    const current = await Promise.all(tables.map(async (d) => (existsSync(paths.extractTable(d.name)) ? fileSha256(paths.extractTable(d.name)) : null)));
    if (tables.every((d, i) => previous.inputs[d.name] === current[i])) {
      log(`validate: tables and articles unchanged since the last valid report`);
      return;
    }
  }
  const { row_counts, inputs, errors } = await validateBuild(paths, tables, tableRules, basis.code_version);
  await writeJson(paths.validateReport, { valid: errors.length === 0, ...basis, inputs, row_counts, errors });
  if (errors.length > 0) throw new PipelineError(`${refusal(errors)}\nfull report: ${paths.validateReport}`);
  log(`validate: ${Object.entries(row_counts).map(([t, n]) => `${t} ${n}`).join(", ")}: valid`);
}
