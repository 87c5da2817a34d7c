import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { tables } from "../../schemas/index.ts";
import { targetsTable } from "../../schemas/targets.ts";
import { buildPaths, type Dirs } from "../../pipeline/lib/paths.ts";
import { runStages } from "../../pipeline/stages/run-stages.ts";
import { codePointIndex, codePointIndexer, CodePointText } from "../../pipeline/lib/code-points.ts";
import { checkRules } from "../../pipeline/validate/check-rules.ts";
import { checkTables } from "../../pipeline/validate/check-tables.ts";
import { tableRules } from "../../pipeline/validate/table-rules.ts";
import { copyOfSharedBuild } from "../helpers.ts";

type Row = Record<string, unknown>;

// "𠀀" is one code point and two UTF-16 units: offsets after it tell code points from UTF-16 indices.
const text = "𠀀一、今年要新增学位1.9万个。其他。";
const article = "5b0e8f2d6c1a9e47";
const target: Row = {
  target_id: "c3a1f0e29b7d4c55", article_id: article, district_id: null, kind: "target", metric: "学位",
  value: 19000, value_high: null, unit: "count", measure_word: "个", comparator: "eq", direction: "increase",
  time_phrase: "今年", year: null, base_year: null, recurring: false, theme_code: null, indicator: null, headline: false,
  sentence: "今年要新增学位1.9万个。", char_start: 10, char_end: 15, raw_char_start: 10, raw_char_end: 15,
  restated_spans: null, restated_raw_spans: null,
};
const articles = new Map([[article, { text, raw_text: text }]]);
const keys = { targets: ["target_id"] };
const rulesFor = (row: Row) => checkRules(tableRules, keys, { targets: [row] }, articles);

describe("cross-field and text rules", () => {
  it("accepts a target whose code-point offsets quote its sentence", () => {
    expect([...text].slice(10, 15).join("")).toBe("1.9万个");
    expect(rulesFor(target)).toEqual([]);
  });

  it("reports an offset beyond the article with table, key, columns, value and rule", () => {
    expect(rulesFor({ ...target, char_end: 400 })).toEqual([{
      type: "offset-out-of-range", table: "targets", row: 1, key: "c3a1f0e29b7d4c55", field: "char_start,char_end", value: [10, 400],
      message: `char_start..char_end = 10..400 is not inside article ${article}'s text (19 code points)`,
    }]);
    expect(rulesFor({ ...target, raw_char_start: 16, raw_char_end: 15 }).map((e) => [e.type, e.field])).toEqual([["offset-out-of-range", "raw_char_start,raw_char_end"]]);
  });

  it("reports evidence that does not stand in the text around the offsets", () => {
    const elsewhere = rulesFor({ ...target, char_start: 16, char_end: 18 });
    expect(elsewhere.map((e) => [e.type, e.field, e.value])).toEqual([["evidence-mismatch", "sentence", target.sentence]]);
    expect(elsewhere[0]!.message).toContain('(text there: "其他")');
    // The sentence's words are in the article, but not where the offsets point.
    expect(rulesFor({ ...target, sentence: "其他。" }).map((e) => e.type)).toEqual(["evidence-mismatch"]);
  });

  it("reports an upper bound below the value, and a target whose article text is missing", () => {
    expect(rulesFor({ ...target, value_high: 100 }).map((e) => [e.type, e.field, e.value])).toEqual([["range-order", "value_high", 100]]);
    expect(rulesFor({ ...target, value_high: 19000 })).toEqual([]);
    expect(rulesFor({ ...target, article_id: "ffffffffffffffff" }).map((e) => e.type)).toEqual(["unknown-article", "unknown-article"]);
  });

  it("checks listed evidence spans against the article text", () => {
    const themes = [
      { article_id: article, theme_code: "education", evidence_spans: ["3-16", "16-19"], evidence_raw_spans: ["3-16"] },
      { article_id: article, theme_code: "health", evidence_spans: ["3-16", "18-40"], evidence_raw_spans: ["3-16"] },
    ];
    const errors = checkRules(tableRules, { themes: ["article_id", "theme_code"] }, { themes }, articles);
    expect(errors.map((e) => [e.type, e.table, e.row, e.key, e.field])).toEqual([["offset-out-of-range", "themes", 2, `${article}/health`, "evidence_spans"]]);
    expect(errors[0]!.message).toBe(`span 18-40 = 18..40 is not inside article ${article}'s text (19 code points)`);
  });

  it("names schema failures by rule: a value outside a closed enum, a wrong type, an unknown column", () => {
    const errors = checkTables([targetsTable], { articles: [{ article_id: article }], targets: [{ ...target, kind: "plan", value: "many", extra: 1 }] });
    expect(errors.map((e) => [e.type, e.field, e.value])).toEqual([
      ["enum", "kind", "plan"],
      ["invalid-type", "value", "many"],
      ["unknown-column", "extra", 1],
    ]);
  });
});

describe("a corrupted build is refused by validate and by publish", () => {
  let dirs: Dirs;
  let rows: Row[];
  const paths = () => buildPaths(dirs);
  const writeTargets = (next: Row[]) => writeFile(paths().extractTable("targets"), next.map((r) => JSON.stringify(r) + "\n").join(""));

  beforeEach(async () => {
    // The build as extract leaves it: what validate and publish wrote there belongs to the shared run.
    dirs = await copyOfSharedBuild();
    for (const stage of ["validate", "publish"]) await rm(join(dirs.build, stage), { recursive: true, force: true });
    rows = (await readFile(paths().extractTable("targets"), "utf8")).trim().split("\n").map((l) => JSON.parse(l) as Row);
    expect(rows.length).toBeGreaterThan(2);
  });

  it("publish refuses a bad foreign key with the precise message and publishes nothing", async () => {
    const bad: Row = { ...rows[1]!, district_id: "999999" };
    await writeTargets([rows[0]!, bad, ...rows.slice(2)]);
    await expect(runStages("validate", { dirs, log: () => {} })).rejects.toThrow("foreign-key");
    const run = runStages("publish", { dirs, log: () => {} });
    await expect(run).rejects.toThrow(
      `targets row 2 (key ${String(bad["target_id"])}) field district_id = "999999": foreign-key: no districts row with district_id = 999999`,
    );
    await expect(run).rejects.toThrow(/^validation failed with 1 error\(s\); nothing is published/);
    expect(await readdir(dirs.dist).catch(() => [])).toEqual([]);
  });

  it("publish refuses rows edited after they were validated", async () => {
    await runStages("validate", { dirs, log: () => {} });
    await writeTargets(rows.slice(1));
    await expect(runStages("publish", { dirs, log: () => {} })).rejects.toThrow(/targets\.jsonl changed after it was validated; nothing is published/);
    expect(await readdir(dirs.dist).catch(() => [])).toEqual([]);
  });

  it("validate refuses an offset out of range and writes the failure as data in report.json", async () => {
    const bad: Row = { ...rows[0]!, char_end: 1_000_000 };
    await writeTargets([bad, ...rows.slice(1)]);
    await expect(runStages("validate", { dirs, log: () => {} })).rejects.toThrow(
      `targets row 1 (key ${String(bad["target_id"])}) field char_start,char_end = [${String(bad["char_start"])},1000000]: offset-out-of-range`,
    );
    const report = JSON.parse(await readFile(paths().validateReport, "utf8"));
    expect(report.valid).toBe(false);
    expect(report.errors).toEqual([expect.objectContaining({ type: "offset-out-of-range", table: "targets", row: 1, key: bad["target_id"], field: "char_start,char_end" })]);
    await expect(runStages("publish", { dirs, log: () => {} })).rejects.toThrow("offset-out-of-range");
  });

  it("refuses an outcome whose value is not its target row's, or whose report is not later", async () => {
    const path = paths().extractTable("target_outcomes");
    const outcomes = (await readFile(path, "utf8")).trim().split("\n").map((l) => JSON.parse(l) as Row);
    const [first, ...rest] = outcomes;
    const bad = { ...first!, outcome_value: Number(first!["outcome_value"]) + 1, outcome_report_year: first!["target_report_year"] };
    await writeFile(path, [bad, ...rest].map((r) => JSON.stringify(r) + "\n").join(""));
    await expect(runStages("validate", { dirs, log: () => {} })).rejects.toThrow(/target_outcomes row 1 .*foreign-key: no targets row with target_id,article_id,district_id,indicator,unit,year,value/u);
    const report = JSON.parse(await readFile(paths().validateReport, "utf8"));
    expect(report.errors.map((e: { type: string }) => e.type).sort()).toEqual(["foreign-key", "foreign-key", "range-order"]);
  });

  it("the unchanged build validates: the rules hold on the real articles", async () => {
    await runStages("validate", { dirs, log: () => {} });
    const report = JSON.parse(await readFile(paths().validateReport, "utf8"));
    expect(report).toMatchObject({ valid: true, errors: [] });
    expect(Object.keys(report.row_counts)).toEqual(tables.map((t) => t.name));
  });
});

describe("code-point indexing of article texts", () => {
  // Full Unicode strings with stray surrogate halves mixed in, as broken web copies hold them.
  const unit = fc.oneof(fc.string({ unit: "grapheme" }), fc.constantFrom("\ud840", "\udc00", "\ud840\udc00", "一"));
  const text = fc.array(unit).map((parts) => parts.join(""));

  it("counts and slices as an array of code points would, lone surrogates included", () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (text, a, b) => {
        const points = [...text];
        const indexed = new CodePointText(text);
        const [start, end] = [a % (points.length + 1), b % (points.length + 1)].sort((x, y) => x - y) as [number, number];
        expect([indexed.length, indexed.slice(start, end)]).toEqual([points.length, points.slice(start, end).join("")]);
      }),
      { numRuns: 500 },
    );
  });

  it("converts every UTF-16 index of a text as codePointIndex does, with or without surrogates", () => {
    fc.assert(
      fc.property(text, (text) => {
        const indexOf = codePointIndexer(text);
        for (let i = 0; i <= text.length; i++) expect(indexOf(i)).toBe(codePointIndex(text, i));
      }),
      { numRuns: 300 },
    );
  });
});
