import { tables } from "../../schemas/index.ts";
import { fileSha256, readJsonlAll, writeJson } from "../lib/files.ts";
import { requireInput } from "../lib/require-input.ts";
import { PipelineError, type Stage } from "../stage.ts";
import { checkTables, formatError } from "../validate/check-tables.ts";

export const validate: Stage = {
  name: "validate",
  description: "check every row against the zod schemas, keys and references; write a report",
  reads: "extract",
  async run({ paths, log }) {
    const rows: Record<string, Record<string, unknown>[]> = {};
    const inputs: Record<string, string> = {};
    for (const def of tables) {
      await requireInput(paths.extractTable(def.name), "extract");
      rows[def.name] = await readJsonlAll(paths.extractTable(def.name));
      inputs[def.name] = await fileSha256(paths.extractTable(def.name));
    }
    const errors = checkTables(tables, rows);
    const counts = Object.fromEntries(tables.map((d) => [d.name, rows[d.name]!.length]));
    await writeJson(paths.validateReport, { valid: errors.length === 0, inputs, row_counts: counts, errors });
    if (errors.length > 0) {
      const shown = errors.slice(0, 20).map(formatError).join("\n  ");
      throw new PipelineError(`validation failed with ${errors.length} error(s); nothing is published:\n  ${shown}\nfull report: ${paths.validateReport}`);
    }
    log(`validate: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(", ")}: valid`);
  },
};
