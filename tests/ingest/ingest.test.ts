import { readFile, symlink, writeFile, copyFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { classifyFile } from "../../pipeline/ingest/classify-file.ts";
import { readJsonlAll } from "../../pipeline/lib/files.ts";
import { buildPaths, defaultDirs } from "../../pipeline/lib/paths.ts";
import type { IngestRecord } from "../../schemas/normalized-article.ts";
import { runPipeline, tempDir, devFiles } from "../helpers.ts";

const rawFiles = devFiles;

describe("classifyFile on the real articles", () => {
  it.each(rawFiles)("%s decodes as UTF-8 with a content-derived id", async (name) => {
    const bytes = await readFile(join(defaultDirs.raw, name));
    const result = classifyFile(name, bytes);
    expect(result.status).toBe("accepted");
    if (result.status !== "accepted") return;
    expect(result.encoding).toBe("utf-8");
    expect(result.article_id).toMatch(/^[0-9a-f]{16}$/);
    expect(result.text).toBe(bytes.toString("utf8"));
    // The id follows the text, not the file name.
    expect(classifyFile(`renamed-${name}`, bytes)).toMatchObject({ article_id: result.article_id });
  });

  it.each(["hailar_2012_gov_report.txt", "hailar_2016_gov_report.txt"])("%s (GB18030 with CRLF) decodes as GB18030 byte for byte", async (name) => {
    const bytes = await readFile(join(defaultDirs.raw, name));
    const result = classifyFile(name, bytes);
    expect(result).toMatchObject({ status: "accepted", encoding: "gb18030" });
    if (result.status === "accepted") expect(new TextEncoder().encode(result.text).length).toBeGreaterThan(bytes.length);
    if (result.status === "accepted") expect([result.text.includes("海拉尔区人民政府区长"), result.text.includes("\r\n")]).toEqual([true, true]);
  });

  it("rejects empty and binary files with a reason", () => {
    expect(classifyFile("empty.txt", new Uint8Array())).toEqual({ status: "rejected", source_file: "empty.txt", reason: "empty file" });
    const binary = new Uint8Array(512).map((_, i) => (i * 7) % 32);
    expect(classifyFile("blob.txt", binary)).toMatchObject({ status: "rejected", reason: expect.stringContaining("binary") });
  });
});

describe("ingest stage", () => {
  it("rejects duplicates, non-.txt files and links, and goes on with the rest", async () => {
    const raw = await tempDir("raw-");
    await copyFile(join(defaultDirs.raw, rawFiles[0]!), join(raw, "a.txt"));
    await copyFile(join(defaultDirs.raw, rawFiles[0]!), join(raw, "b-copy.txt"));
    await copyFile(join(defaultDirs.raw, rawFiles[1]!), join(raw, "c.txt"));
    await writeFile(join(raw, "empty.txt"), "");
    await writeFile(join(raw, "notes.md"), "# not an article");
    await symlink(join(defaultDirs.raw, rawFiles[2]!), join(raw, "link.txt"));
    const dirs = await runPipeline("ingest", raw);
    const paths = buildPaths(dirs);
    const accepted = await readJsonlAll<IngestRecord>(paths.ingestManifest);
    expect(accepted.map((r) => r.source_file)).toEqual(["a.txt", "c.txt"]);
    const rejections = JSON.parse(await readFile(paths.rejections("ingest"), "utf8")) as Array<{ source_file: string; reason: string }>;
    expect(rejections.map((r) => r.source_file)).toEqual(["b-copy.txt", "empty.txt", "link.txt", "notes.md"]);
    expect(rejections[0]!.reason).toContain("same decoded text as a.txt");
  });
});
