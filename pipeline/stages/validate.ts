import { tables } from "../../schemas/index.ts";
import { codeVersion } from "../lib/code-version.ts";
import { writeJson } from "../lib/files.ts";
import { tableRules } from "../validate/table-rules.ts";
import { validateBuild } from "../validate/validate-build.ts";
import { refusal } from "../validate/validation-error.ts";
import { PipelineError, type StageContext } from "./stage.ts";

/** Checks the extracted tables, streaming, and writes the report publish trusts; a failing report stops the run. */
export async function finish({ paths, log, fileHashes }: StageContext): Promise<void> {
  // The normalize manifest holds each article's hash: with the tables' hashes, it is everything checked.
  const basis = { code_version: await codeVersion([new URL(import.meta.url)]), articles_sha256: await fileHashes.sha256(paths.normalizeManifest) };
  const { row_counts, inputs, errors } = await validateBuild(paths, tables, tableRules, basis.code_version, fileHashes);
  await writeJson(paths.validateReport, { valid: errors.length === 0, ...basis, inputs, row_counts, errors });
  if (errors.length > 0) throw new PipelineError(`${refusal(errors)}\nfull report: ${paths.validateReport}`);
  log(`validate: ${Object.entries(row_counts).map(([t, n]) => `${t} ${n}`).join(", ")}: valid`);
}
