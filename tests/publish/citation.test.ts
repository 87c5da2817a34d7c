import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../pipeline/lib/paths.ts";
import { citationCff } from "../../pipeline/publish/citation-cff.ts";
import { citation } from "../../pipeline/publish/dataset-card.ts";
import { readDatasetInfo } from "../../pipeline/publish/dataset-info.ts";
import { sharedBuild } from "../helpers.ts";

const info = readDatasetInfo();

describe("how to cite and reuse the data set", () => {
  it("the repository's CITATION.cff is the current version's, as every release carries it", async () => {
    const release = join((await sharedBuild()).dist, `v${info.version}`);
    const expected = citationCff(info);
    expect(await readFile(join(projectRoot, "CITATION.cff"), "utf8"), "run make publish, then copy dist/v<version>/CITATION.cff to the root").toBe(expected);
    expect(await readFile(join(release, "CITATION.cff"), "utf8")).toBe(expected);
    expect(expected).toContain(`version: "${info.version}"`);
    expect(expected).toContain(`date-released: "${info.released}"`);
  });

  it("the card says how to cite it, what its licences are and what may be done with the quoted texts", async () => {
    const card = await readFile(join((await sharedBuild()).dist, `v${info.version}`, "README.md"), "utf8");
    expect(card).toContain(`Cite as: ${citation(info)}`);
    expect(card).toContain("## Licence and rights");
    for (const right of info.rights) expect(card).toContain(right);
    expect(await readFile(join(projectRoot, "LICENSE"), "utf8")).toMatch(/^MIT License/u);
  });

  it("datapackage.json names the sources and contributors", async () => {
    const pkg = JSON.parse(await readFile(join((await sharedBuild()).dist, `v${info.version}`, "datapackage.json"), "utf8"));
    expect(pkg.sources).toEqual(info.sources);
    expect(pkg.contributors).toEqual(info.contributors);
    expect(pkg.contributors.length).toBeGreaterThan(1);
  });
});
