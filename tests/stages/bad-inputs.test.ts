import { execFileSync, spawnSync } from "node:child_process";
import { chmod, copyFile, mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ArticleRow } from "../../schemas/articles.ts";
import type { Rejection } from "../../schemas/normalized-article.ts";
import type { TargetRow } from "../../schemas/targets.ts";
import { readJsonlAll, writeJsonl } from "../../pipeline/lib/files.ts";
import { sha256Hex } from "../../pipeline/lib/hash.ts";
import { buildPaths, defaultDirs, projectRoot, type Dirs } from "../../pipeline/lib/paths.ts";
import { verifyRelease } from "../../pipeline/commands/verify-release.ts";
import { readDatasetInfo } from "../../pipeline/publish/dataset-info.ts";
import { runStages } from "../../pipeline/stages/run-stages.ts";
import { encodeLegacy } from "../../pipeline/text/legacy-encoding.ts";
import type { NormalizedArticle, NormalizedEntry } from "../../schemas/normalized-article.ts";
import { devFiles, tempDir } from "../helpers.ts";

/**
 * A corpus of bad inputs, generated here (no committed bytes), beside two real articles: each case below is one file
 * the pipeline must either publish cleanly or leave out with one line in the rejection report, while the rest of the
 * corpus publishes and the release validates. The pipeline runs once, stage by stage as `make publish` runs it.
 */

/** A short report with its own place, so that no two cases are duplicates of one another. */
const report = (place: string, body = `今年全区地区生产总值增长6%左右，一般公共预算收入增长5%。`) => `${place}政府工作报告\n${body}\n`;
const utf8 = (text: string) => Buffer.from(text, "utf8");

const LONG_NAME = `${"长".repeat(76)}.txt`; // 76 × 3 bytes + 4 = 232 bytes
// 255 bytes, the most a name can have: the build named its files after raw names, and .meta.json.<pid>.tmp made
// any name of over about 240 bytes ENAMETOOLONG (the tester's 236 bytes, with their pid).
const LONGEST_NAME = `${"a".repeat(251)}.txt`;
const BAD_NAME = Buffer.from([...Buffer.from("bad-"), 0xff, 0xfe, ...Buffer.from(".txt")]);
const BIDI_NAME = "石景\u202e山区.txt";
const BIDI_ESCAPED = "石景\\u{202E}山区.txt";
const REAL = devFiles.slice(0, 2);

/** The generated files: name → bytes. */
const files: Array<[string | Buffer, Uint8Array]> = [
  [LONG_NAME, utf8(report("东城区"))],
  [LONGEST_NAME, utf8(report("西城区"))],
  [BAD_NAME, utf8(report("南城区"))],
  [BIDI_NAME, utf8(report("石景山区"))],
  ["huge-number.txt", utf8(report("北城区", `今年全区地区生产总值达到${"9".repeat(320)}亿元，一般公共预算收入增长7%。`))],
  ["nul.txt", utf8(report("海淀区", "今年全区地区生产总值\u0000增长6\u009b.5%左右，一般公共预算收入增长5%，城镇新增就业1.2万人以上，城乡居民收入增长与经济增长同步，居民消费价格涨幅3%左右。"))],
  ["pinyin.txt", utf8("Běijīng shì zhèngfǔ gōngzuò bàogào\nJīnnián quánshì shēngchǎn zǒngzhí zēngzhǎng bǎi fēn zhī liù.\n")],
  ["page.txt", utf8(`<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>朝阳区政府工作报告 - 朝阳区人民政府</title><script>var x = "统计";</script></head>\n<body><h1>朝阳区政府工作报告</h1><p>今年全区地区生产总值增长6.2%左右。</p></body></html>\n`)],
  ["page-head-only.txt", utf8(`<!DOCTYPE html><html><head><title>丰台区政府工作报告</title></head><body><p>Page not found</p></body></html>\n`)],
  ["punctuation.txt", utf8("。，、；：！？“”《》……——\n。。。，，，\n")],
  ["bidi.txt", utf8(report("石\u061c景\u202e山区", "今年全区地区生产\u2067总值增长6\u061c.3%左右。"))],
  ["zero-width.txt", utf8(report("门头沟区", "今年全区地区生产总值增长6\u200b.4%左右，一般公共预算收入增长5\u00ad.5%，城乡居民收入增长7\u{e0041}%。"))],
  ["utf16le-no-bom.txt", Buffer.from(report("房山区"), "utf16le")],
  ["emoji.txt", utf8("😀".repeat(750))],
  [".hidden.txt", utf8(report("通州区"))],
  ["empty.txt", new Uint8Array()],
  ["binary.txt", Uint8Array.from({ length: 512 }, (_, i) => (i * 7) % 32)],
  ["gb18030.txt", encodeLegacy(report("顺义区"), "gb18030")!],
  ["big5.txt", encodeLegacy("昌平區政府工作報告\n今年全區地區生產總值增長6%左右。\n", "big5")!],
];

/**
 * Articles extract fails on, made so by editing their normalized files between the stages: one cut short (the task
 * throws), one whose raw text lost its end (its rows point past it, which validate would refuse).
 */
const BROKEN_IN_EXTRACT = "broken-in-extract.txt";
const INVALID_IN_EXTRACT = "invalid-in-extract.txt";

let dirs: Dirs;
let log: string[];
let rejections: Rejection[];
let articles: ArticleRow[];
let targets: TargetRow[];
let release: string;

const rejected = (file: string) => rejections.filter((r) => r.source_file === file);
const published = (file: string) => articles.find((a) => a.source_file === file);

beforeAll(async () => {
  const raw = await tempDir("bad-raw-");
  for (const name of REAL) await copyFile(join(defaultDirs.raw, name), join(raw, name));
  for (const [name, bytes] of files) await writeFile(typeof name === "string" ? join(raw, name) : Buffer.concat([Buffer.from(`${raw}/`), name]), bytes);
  await writeFile(join(raw, "duplicate.txt"), await readFile(join(defaultDirs.raw, REAL[0]!)));
  await symlink(join(defaultDirs.raw, REAL[1]!), join(raw, "link.txt"));
  execFileSync("mkfifo", [join(raw, "fifo.txt")]);
  await writeFile(join(raw, BROKEN_IN_EXTRACT), report("大兴区"));
  await writeFile(join(raw, INVALID_IN_EXTRACT), report("密云区"));
  const root = await tempDir("bad-build-");
  dirs = { raw, build: join(root, "build"), dist: join(root, "dist") };
  log = [];
  const run = (stage: string) => runStages(stage, { dirs, jobs: 1, log: (m) => log.push(m) });
  const paths = buildPaths(dirs);
  await run("ingest");
  await run("normalize");
  const normalized = (file: string) => paths.normalizedArticle(entries.find((e) => e.source_file === file)!.article_id);
  const entries = await readJsonlAll<NormalizedEntry>(paths.normalizeManifest);
  await writeFile(normalized(BROKEN_IN_EXTRACT), (await readFile(normalized(BROKEN_IN_EXTRACT), "utf8")).slice(0, 100));
  const invalid = JSON.parse(await readFile(normalized(INVALID_IN_EXTRACT), "utf8")) as NormalizedArticle;
  await writeFile(normalized(INVALID_IN_EXTRACT), JSON.stringify({ ...invalid, raw_text: invalid.raw_text.slice(0, 10) }));
  // As if normalize had written them so: its manifest records their hashes, else extract refuses a changed hand-off.
  const rehashed = await Promise.all(entries.map(async (e) => ({ ...e, sha256: sha256Hex(await readFile(paths.normalizedArticle(e.article_id))) })));
  await writeJsonl(paths.normalizeManifest, rehashed);
  for (const stage of ["extract", "validate", "publish"]) await run(stage);
  release = paths.release(readDatasetInfo().version);
  rejections = JSON.parse(await readFile(paths.rejectionReport, "utf8")) as Rejection[];
  articles = JSON.parse(await readFile(join(release, "articles.json"), "utf8")) as ArticleRow[];
  targets = JSON.parse(await readFile(join(release, "targets.json"), "utf8")) as TargetRow[];
}, 120_000);

describe("a corpus of bad inputs", () => {
  it("publishes the real articles, and the release validates and verifies as a user receives it", async () => {
    for (const name of REAL) expect(published(name), name).toBeDefined();
    const validation = JSON.parse(await readFile(buildPaths(dirs).validateReport, "utf8")) as { valid: boolean };
    expect(validation.valid).toBe(true);
    expect((await verifyRelease(release)).problems).toEqual([]);
  });

  it("reports each file left out once, with its stage and a reason", () => {
    expect(rejections.map((r) => r.source_file).sort()).toEqual(
      [".hidden.txt", "bad-\\xFF\\xFE.txt", "binary.txt", "duplicate.txt", "emoji.txt", "empty.txt", "fifo.txt", "link.txt", "page-head-only.txt", "pinyin.txt", "punctuation.txt", BIDI_ESCAPED, BROKEN_IN_EXTRACT, INVALID_IN_EXTRACT].sort(),
    );
    for (const r of rejections) expect(published(r.source_file), r.source_file).toBeUndefined();
  });

  it("ends the publish run with a summary: published, rejected by stage and reason, slowest articles", () => {
    const summary = log.find((m) => m.startsWith("summary:"))!;
    expect(summary).toContain(`${articles.length} articles`);
    expect(summary).toMatch(/14 file\(s\)/u);
    expect(summary).toMatch(/1 {2}normalize +no Chinese text left after normalization/u);
    expect(summary).toMatch(/slowest articles/u);
  });

  describe("containment: one file's problem is one line of the report", () => {
    it("publishes files whose names fill the name limit (the build names its files by a hash)", () => {
      expect(Buffer.byteLength(LONGEST_NAME)).toBe(255);
      expect(published(LONGEST_NAME)?.title).toBe("西城区政府工作报告");
      expect(published(LONG_NAME)?.title).toBe("东城区政府工作报告");
    });

    it("reports a file name that is not UTF-8, its bytes escaped", () => {
      expect(rejected("bad-\\xFF\\xFE.txt")).toEqual([{ source_file: "bad-\\xFF\\xFE.txt", stage: "ingest", reason: expect.stringMatching(/^file name is not valid UTF-8/u) }]);
    });

    it("reports a file name with a bidi control, the control escaped, so no table shows the name reordered", () => {
      expect(rejected(BIDI_ESCAPED)).toEqual([{ source_file: BIDI_ESCAPED, stage: "ingest", reason: expect.stringMatching(/^file name holds an invisible character/u) }]);
    });

    it("publishes an article with a 320-digit number, without that number", () => {
      const id = published("huge-number.txt")!.article_id;
      const rows = targets.filter((t) => t.article_id === id);
      expect(rows.map((t) => [t.value, t.unit])).toEqual([[7, "percent"]]);
    });

    it("leaves out an article extract fails on, in extract, and publishes the rest", () => {
      expect(rejected(BROKEN_IN_EXTRACT)).toEqual([{ source_file: BROKEN_IN_EXTRACT, stage: "extract", reason: expect.stringMatching(/^the normalized article is not valid JSON \(Unterminated string/u) }]);
    });

    it("leaves out, in extract, an article whose rows validate would refuse, rather than refuse the release", () => {
      expect(rejected(INVALID_IN_EXTRACT)).toEqual([{ source_file: INVALID_IN_EXTRACT, stage: "extract", reason: expect.stringMatching(/^a row fails validation: /u) }]);
    });
  });

  describe("leaks: nothing but article text reaches the release", () => {
    const valuesOf = (file: string) => targets.filter((t) => t.article_id === published(file)!.article_id).map((t) => t.value);

    it("publishes no invisible character (control, zero-width, bidi control) in any text file of the release", async () => {
      for (const name of await readdir(release)) {
        if (!/\.(csv|json|md)$/u.test(name)) continue;
        const text = await readFile(join(release, name), "utf8");
        expect(/(?![\t\n\r])[\p{Cc}\p{Cf}]/u.exec(text)?.[0], name).toBeUndefined();
      }
    });

    it("reads a number with NUL and a C1 control (CSI) inside as the number", () => {
      expect(valuesOf("nul.txt")).toEqual([6.5, 5, 12_000, 3]);
    });

    it("publishes a title and a sentence that held bidi controls (U+202E, U+2067, U+061C) without them", () => {
      expect(published("bidi.txt")?.title).toBe("石景山区政府工作报告");
      expect(targets.filter((t) => t.article_id === published("bidi.txt")!.article_id).map((t) => [t.value, t.sentence])).toEqual([
        [6.3, "今年全区地区生产总值增长6.3%左右。"],
      ]);
    });

    it("reads a pinyin-only UTF-8 file as UTF-8, and leaves it out for having no Chinese characters", () => {
      expect(rejected("pinyin.txt")).toEqual([{ source_file: "pinyin.txt", stage: "ingest", reason: expect.stringMatching(/^no Chinese characters: the text \(utf-8\)/u) }]);
    });

    it("reads a saved web page as its visible text; one with no Chinese text left is left out in normalize", () => {
      const page = published("page.txt")!;
      expect(page.title).toBe("朝阳区政府工作报告");
      expect(targets.filter((t) => t.article_id === page.article_id).map((t) => [t.value, t.sentence])).toEqual([[6.2, "今年全区地区生产总值增长6.2%左右。"]]);
      expect(rejected("page-head-only.txt")).toEqual([{ source_file: "page-head-only.txt", stage: "normalize", reason: expect.stringMatching(/^no Chinese text left after normalization/u) }]);
    });

    it("leaves out a file of punctuation only", () => {
      expect(rejected("punctuation.txt")[0]?.reason).toMatch(/^no Chinese characters/u);
    });

    it("keeps the targets of numbers with a zero-width space, a soft hyphen or a tag character inside", () => {
      expect(valuesOf("zero-width.txt")).toEqual([6.4, 5.5, 7]);
    });
  });

  describe("messages: every reason is true and specific", () => {
    it("reads UTF-16LE without a byte-order mark", () => {
      expect(published("utf16le-no-bom.txt")).toMatchObject({ encoding: "utf-16le", title: "房山区政府工作报告" });
    });

    it("calls 750 emoji in valid UTF-8 what they are", () => {
      expect(rejected("emoji.txt")[0]?.reason).toBe("no Chinese characters: the text (utf-8) holds no Han character");
    });

    it("reports a hidden file", () => {
      expect(rejected(".hidden.txt")[0]?.reason).toMatch(/^hidden file/u);
    });
  });

  describe("what was handled before, still handled", () => {
    it.each([
      ["empty.txt", /^empty file$/u],
      ["binary.txt", /^binary content: \d+(\.\d)?% control bytes$/u],
      ["duplicate.txt", new RegExp(`^duplicate: same decoded text as ${REAL[0]}$`, "u")],
      ["link.txt", /^symbolic link/u],
      ["fifo.txt", /^not a regular file: a named pipe \(FIFO\)$/u],
    ])("%s is reported: %s", (file, reason) => {
      expect(rejected(file)).toEqual([{ source_file: file, stage: "ingest", reason: expect.stringMatching(reason) }]);
    });

    it("publishes GB18030 and Big5 copies", () => {
      expect(published("gb18030.txt")).toMatchObject({ encoding: "gb18030", title: "顺义区政府工作报告" });
      expect(published("big5.txt")).toMatchObject({ encoding: "big5", title: "昌平区政府工作报告" });
    });
  });
});

/** Who may read a file the test makes unreadable: root reads anything, so as root the stage runs as nobody. */
const asUnprivileged = (() => {
  if (process.getuid?.() !== 0) return [];
  const setpriv = spawnSync("setpriv", ["--version"]);
  return setpriv.status === 0 ? ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] : null;
})();

describe("the time budget of an article", () => {
  // Past the budget in workers is tested with the pool (tests/lib/worker-pool.test.ts); here, that the runner gives
  // each stage the budget and the stage reports the article. A budget of 0 puts every article past it.
  it("turns an article past it into a rejection by the stage that ran it", async () => {
    const raw = await tempDir("budget-raw-");
    await writeFile(join(raw, "slow.txt"), report("延庆区"));
    const root = await tempDir("budget-build-");
    const dirs = { raw, build: join(root, "build"), dist: join(root, "dist") };
    await runStages("ingest", { dirs, jobs: 1, log: () => {} });
    const reason = "ran past the time budget of 0 s";
    await expect(runStages("normalize", { dirs, jobs: 1, budgetMs: 0, log: () => {} })).rejects.toThrow(
      `normalize has no article left to pass on (1 rejected, the first slow.txt: ${reason})`,
    );
    const lines = JSON.parse(await readFile(buildPaths(dirs).rejections("normalize"), "utf8")) as Rejection[];
    expect(lines).toEqual([{ source_file: "slow.txt", stage: "normalize", reason }]);
  });
});

describe.skipIf(asUnprivileged === null)("an unreadable file", () => {
  it("is one line of the report (EACCES), as is an unreadable provenance file or folder, and the readable files go on", async () => {
    const root = await tempDir("unreadable-");
    await chmod(root, 0o755);
    const raw = join(root, "raw");
    await mkdir(raw);
    await writeFile(join(raw, "readable.txt"), report("怀柔区"));
    await writeFile(join(raw, "unreadable.txt"), report("平谷区"));
    await writeFile(join(raw, "SOURCES.hidden.md"), "| file |\n|---|\n| readable.txt |\n");
    await mkdir(join(raw, "sub"));
    for (const name of ["unreadable.txt", "SOURCES.hidden.md", "sub"]) await chmod(join(raw, name), 0o000);
    const build = join(root, "build");
    await mkdir(build, { mode: 0o777 });
    await chmod(build, 0o777);
    const command = [...asUnprivileged!, process.execPath, "--import", "tsx", "pipeline/cli.ts", "ingest", "--raw", raw, "--build", build, "--out", join(build, "dist"), "--jobs", "1"];
    execFileSync(command[0]!, command.slice(1), { cwd: projectRoot, stdio: "pipe" });
    const lines = JSON.parse(await readFile(join(build, "rejections.json"), "utf8")) as Rejection[];
    const denied = "cannot read the file (EACCES: permission denied)";
    expect(lines).toEqual([
      { source_file: "SOURCES.hidden.md", stage: "ingest", reason: denied },
      { source_file: "sub", stage: "ingest", reason: "not a regular file: a folder (raw files are read from the top level only)" },
      { source_file: "unreadable.txt", stage: "ingest", reason: denied },
    ]);
    const manifest = await readJsonlAll<{ source_file: string }>(join(build, "ingest", "articles.jsonl"));
    expect(manifest.map((r) => r.source_file)).toEqual(["readable.txt"]);
  });
});
