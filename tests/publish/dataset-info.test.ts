import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { datasetInfoPath } from "../../pipeline/lib/paths.ts";
import { readDatasetInfo } from "../../pipeline/publish/dataset-info.ts";
import { tempDir } from "../helpers.ts";

describe("dataset.json", () => {
  it.each(["2026-13-45", "2026-02-30", "2026-12-1"])("refuses the release date %s, which would make NaN archive times", async (released) => {
    const path = join(await tempDir("dataset-"), "dataset.json");
    await writeFile(path, JSON.stringify({ ...JSON.parse(await readFile(datasetInfoPath, "utf8")), released }));
    expect(() => readDatasetInfo(path)).toThrow(new RegExp(`${path} is not a valid dataset description:\\n.*Invalid ISO date\\n.*at released`));
  });

  it("reads the project's own", () => {
    expect(readDatasetInfo().released).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
