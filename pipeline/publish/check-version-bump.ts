import { PipelineError } from "../lib/pipeline-error.ts";
import type { SchemaChange } from "./schema-changes.ts";

/**
 * A breaking schema change needs a major version (a minor one while the major is 0, as semver allows
 * anything before 1.0.0); otherwise readers of the old release would break on a "compatible" upgrade.
 */
export function checkVersionBump(previousVersion: string, version: string, changes: readonly SchemaChange[]): void {
  const breaking = changes.filter((c) => c.breaking);
  if (breaking.length === 0) return;
  const [pMajor = 0, pMinor = 0] = previousVersion.split(".").map(Number);
  const [major = 0, minor = 0] = version.split(".").map(Number);
  const enough = pMajor === 0 ? major > 0 || minor > pMinor : major > pMajor;
  if (enough) return;
  const needed = pMajor === 0 ? `0.${pMinor + 1}.0` : `${pMajor + 1}.0.0`;
  const what = breaking.map((c) => `${c.change} ${c.column ? `${c.table}.${c.column}` : c.table}`).join(", ");
  throw new PipelineError(`v${version} after v${previousVersion} has breaking schema changes (${what}): set "version" in dataset.json to ${needed} or later`);
}
