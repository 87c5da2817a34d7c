import { tables } from "../../schemas/index.ts";
import { writeJson } from "../lib/files.ts";
import { requireInput } from "../lib/require-input.ts";
import { PipelineError, type Stage } from "../stage.ts";
import { tableRules } from "../validate/table-rules.ts";
import { validateBuild } from "../validate/validate-build.ts";
import { refusal } from "../validate/validation-error.ts";

export const validate: Stage = {
  name: "validate",
  description: "check rows against the zod schemas, then keys, references, offsets and evidence; write a report",
  reads: "extract",
  async run({ paths, log }) {
    await requireInput(paths.normalizeManifest, "normalize");
    const { rows, inputs, errors } = await validateBuild(paths, tables, tableRules);
    const counts = Object.fromEntries(tables.map((d) => [d.name, rows[d.name]!.length]));
    await writeJson(paths.validateReport, { valid: errors.length === 0, inputs, row_counts: counts, errors });
    if (errors.length > 0) throw new PipelineError(`${refusal(errors)}\nfull report: ${paths.validateReport}`);
    log(`validate: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(", ")}: valid`);
  },
};
