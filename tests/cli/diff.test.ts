import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffReleases } from "../../pipeline/commands/diff-releases.ts";
import { projectRoot } from "../../pipeline/lib/paths.ts";

const release = (version: string) => join(projectRoot, "dist", `v${version}`);
/** Each diff is computed once for the file's tests. */
const diffs = new Map<string, Promise<string>>();
const diffOf = (before: string, after: string) => diffs.get(before) ?? diffs.set(before, diffReleases(release(before), release(after))).get(before)!;
/** The rows of the counts table in a CHANGES.md: one line per table. */
const countLines = (markdown: string) => markdown.split("\n").filter((line) => line.startsWith("| `"));

describe("diff", () => {
  it("v0.1.0 → v0.2.0 reports the counts the committed CHANGES.md states", async () => {
    const diff = await diffOf("0.1.0", "0.2.0");
    const committed = await readFile(join(release("0.2.0"), "CHANGES.md"), "utf8");
    expect(countLines(committed).length).toBeGreaterThan(6);
    expect(countLines(diff).slice(0, countLines(committed).length)).toEqual(countLines(committed));
    expect(diff).toContain("# Changes in v0.2.0\n\nAgainst v0.1.0, row by row by primary key. A changed row kept its key");
  });

  it("v0.3.0 → v0.4.0 pairs the targets whose metric v0.4.0 reads otherwise at the same place, which CHANGES.md counted as removed and added", async () => {
    const diff = await diffOf("0.3.0", "0.4.0");
    const committed = countLines(await readFile(join(release("0.4.0"), "CHANGES.md"), "utf8"));
    const targets = (lines: string[]) => lines.find((l) => l.startsWith("| `targets` |"))!;
    expect(targets(committed)).toMatch(/^\| `targets` \| 162 \| 187 \| 5541 \| 0 \|/);
    expect(targets(countLines(diff))).toMatch(/^\| `targets` \| 1 \| 26 \| 5702 \| 0 \|/);
    expect(countLines(diff).filter((l) => !l.startsWith("| `targets` |")).slice(0, committed.length - 1)).toEqual(committed.filter((l) => !l.startsWith("| `targets` |")));
    expect(diff).toContain("A changed row has a different value in at least one column; 161 of them also have a new key");
  });

  it("shows the changed columns with old and new values, and the keys added and removed", async () => {
    const themes = await diffOf("0.1.0", "0.2.0");
    expect(themes).toContain("- changed (30), 10 shown:");
    expect(themes).toContain("| `004cf2e11af63547/party_building` | `term_count` | `43` | `44` |");
    expect(themes).toContain("|  | `weight` | `0.167718` | `0.167435` |");
    expect(themes).not.toContain("### `targets`");
    const targets = await diffOf("0.3.0", "0.4.0");
    expect(targets).toMatch(/^- added \(1\): `4faa4bc32ae93100`$/m);
    expect(targets).toMatch(/^- removed \(26\): (`[0-9a-f]{16}`, ){10}… 16 more$/m);
    // A paired row shows its new key under the old one, with the metric that made it.
    expect(targets).toContain('| `254d2dfef44e3429` | `target_id` | `"8cda0ff2f441e7c8"` | `"254d2dfef44e3429"` |\n|  | `metric` | `"国家企业技术中心"` | `"国家企业技术中心增"` |');
    // A row whose value changed comes before rows that only gained columns; an added empty column is not repeated per row.
    expect(targets).toContain("| `b16b3f5cd7a7032b` | `direction` | `\"increase\"` | `\"level\"` |\n|  | `indicator` | (no column) | `\"gdp\"` |");
    expect(targets).not.toContain("| `base_year` | (no column) | `null` |");
  });
});
