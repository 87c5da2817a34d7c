import { alignColumns } from "../lib/align-columns.ts";
import type { ReleaseProblem } from "../publish/check-files.ts";
import type { Verification } from "./verify-release.ts";

const problemLine = ({ file, what, expected, found }: ReleaseProblem) =>
  `${file}: ${what}${expected !== undefined ? `: expected ${expected}` : ""}${found !== undefined ? `${expected !== undefined ? "," : ":"} found ${found}` : ""}`;

/** What verify prints: a one-screen summary of a sound release, or every problem (the first `shown` of them) of one that is not. */
export function describeVerification(v: Verification, shown = 50): string {
  const release = v.version ? `${v.name} ${v.version}` : "release";
  if (v.problems.length > 0) {
    const more = v.problems.length > shown ? `  … ${v.problems.length - shown} more\n` : "";
    return `${v.path}: ${release} FAILED with ${v.problems.length} problem(s):\n${v.problems.slice(0, shown).map((p) => `  ${problemLine(p)}\n`).join("")}${more}`;
  }
  const rows = v.tables.map((t) => [t.name, t.rows.toLocaleString("en-US"), t.formats.join(" "), t.primaryKey.join(", "), String(t.foreignKeys)]);
  return (
    `${v.path}: ${release} (created ${v.created}) verified\n` +
    `  ${v.files} files match SHA256SUMS; ${v.resources} resources match their bytes and sha256 in datapackage.json\n` +
    `  every file holds rows of its own Table Schema (types, required, enum, pattern, ranges), unique primary keys\n` +
    `  and foreign keys that resolve, and a table's formats hold the same rows in the same order:\n\n` +
    alignColumns([["table", "rows", "formats", "primary key", "foreign keys"], ...rows], "  ")
  );
}
