import { describe, expect, it } from "vitest";
import type { NormalizedArticle } from "../../schemas/normalized-article.ts";
import { articleOf, corpusDoc, realArticles, targetsOfDoc } from "../helpers.ts";

/** The text of the part holding `phrase`, and that part. */
const partOf = (doc: NormalizedArticle, phrase: string) => {
  const at = doc.text.indexOf(phrase);
  expect(at, phrase).toBeGreaterThanOrEqual(0);
  return doc.parts.find((p) => p.start <= at && at < p.end) ?? null;
};
const headingBlocks = (doc: NormalizedArticle) => doc.blocks.filter((b) => b.kind === "heading").map((b) => doc.text.slice(b.start, b.end));

describe("text repairs of real copies, each kept in the offset map", () => {
  it("closes a zero-width page join inside a number; the row's raw span still covers the digits", () => {
    const doc = articleOf("区政府工作报告\n\n今年地区生产总值增长6.\n\u200b\n5%左右。\n\n新建学校5所。\n\u200b\n新建公园8个。");
    expect(doc.text).toContain("增长6.5%左右。");
    expect(doc.text).toContain("新建学校5所。\n");
    const [gdp] = targetsOfDoc(doc);
    expect(gdp).toMatchObject({ value: 6.5, unit: "percent", comparator: "approx" });
    expect([...doc.raw_text].slice(gdp!.raw_char_start, gdp!.raw_char_end).join("")).toBe("6.\n\u200b\n5%");
  });

  it("joins a wiki link broken over lines (national 2006) and a subscript split out of a word (national 2014)", async () => {
    expect(headingBlocks(await corpusDoc("national_2006_gov_report.txt"))).toContain("三、关于《国民经济和社会发展第十一个五年规划纲要（草案）》的说明");
    const doc = await corpusDoc("national_2014_gov_report.txt");
    expect(doc.text).toContain("广义货币M2增长13.6%");
    expect(doc.text).toContain("以细颗粒物（PM2.5）和可吸入颗粒物（PM10）治理为突破口");
  });

  it("takes a newspaper's page jump and the running header between its marks out (yueyang)", async () => {
    const doc = await corpusDoc("yueyang_2024_gov_report.txt");
    expect(doc.text).toContain("上榜县域旅游综合竞争力百强，岳阳县获评全国县域商业领跑县");
    expect(doc.text).not.toMatch(/下转第|上接第/u);
    expect(partOf(doc, "岳阳县获评全国县域商业领跑县")?.part).toBe("review");
  });

  it("writes a letter-spaced header solid (qiandongnan's title 政 府 工 作 报 告)", async () => {
    expect((await corpusDoc("qiandongnan_2024_gov_report.txt")).title).toBe("政府工作报告");
  });

  it("reads full-width number signs as ASCII: 6％－6.5％ is one range", () => {
    const rows = targetsOfDoc(articleOf("区政府工作报告\n\n今年地区生产总值增长6％－6.5％。"));
    expect(rows.map((r) => [r.value, r.value_high, r.comparator])).toEqual([[6, 6.5, "range"]]);
  });

  it("turns literal \\r\\n, HTML tags and entities, and markdown escapes into the text they stand for", () => {
    const doc = articleOf("区政府工作报告\\r\\n\\r\\n<p>今年新建学校5所&nbsp;。</p><p>新增学位&lt;1000&gt;个，研发投入\\*强度\\\\*达到3%，R&amp;D人员增加</p>");
    expect(doc.text.split("\n").filter((l) => l)).toEqual(["区政府工作报告", "今年新建学校5所。", "新增学位<1000>个，研发投入*强度*达到3%，R&D人员增加"]);
  });

  it("drops footnote markers whose notes the copy lost, not numbered list items (sanya's [1])", async () => {
    const sanya = await corpusDoc("sanya_2024_gov_report.txt");
    expect(sanya.raw_text).toContain("清单[1]");
    expect(sanya.text).not.toMatch(/\[\d+\]/u);
    const doc = articleOf("区政府工作报告\n\n发展数字经济（19）。主要包括：（1）新建学校5所；（2）新建公园8个。");
    expect(doc.text).toContain("发展数字经济。主要包括：（1）新建学校5所；（2）新建公园8个。");
  });

  it("flags no valid rare text as mojibake (砥砺奋进、笃行 in liangshan) and still finds the real one (001)", async () => {
    expect((await corpusDoc("liangshan_2024_gov_report.txt")).quality.mojibake_found).toBe(0);
    expect((await realArticles()).get("001")!.quality.mojibake_found).toBe(1);
  });
});

describe("the report year, from the document's own statements", () => {
  it.each([
    ["hailar_2012_gov_report.txt", 2012, "2012-02-29"],
    ["qiandongnan_2024_gov_report.txt", 2024, "2024-01-31"],
    ["national_2011_gov_report.txt", 2011, "2011"],
    ["sanya_2024_gov_report.txt", 2024, "2024"],
  ])("%s plans for %i (date %s)", async (file, year, date) => {
    const doc = await corpusDoc(file);
    expect([doc.date.report_year, doc.date.published_date]).toEqual([year, date]);
  });

  it("reads a page's 发布时间 line, which normalize takes out of the text as chrome", () => {
    const doc = articleOf("区政府工作报告\n发布时间：2021/3/9 来源：区政府办\n\n今年新建学校5所。");
    expect(doc.date).toMatchObject({ published_date: "2021-03-09", report_year: 2021 });
  });

  it("takes the year a review heading reviews, plus one, when nothing states a date", () => {
    const doc = articleOf("各位代表：\n\n一、2023年工作回顾\n\n全年新建学校5所。\n\n二、2024年工作安排\n\n今年新建学校8所。");
    expect(doc.date).toMatchObject({ report_year: 2024, report_year_evidence: "一、2023年工作回顾" });
  });
});

describe("parts from heading shapes and openings of any wording", () => {
  it("sanya: numbered review, plan and self-building chapters, with their years, and the headline paragraph", async () => {
    const doc = await corpusDoc("sanya_2024_gov_report.txt");
    expect(doc.parts.map((p) => [p.part, p.year, p.heading?.slice(0, 12) ?? null])).toEqual([
      ["review", 2023, "一、2023年工作回顾"],
      ["plan", 2024, "二、2024年工作安排"],
      // The closing appeal (各位代表！征程万里…) runs on in the same other part.
      ["other", null, "三、全面加强政府效能建设"],
    ]);
    expect(doc.text.slice(doc.headline!.start, doc.headline!.end)).toContain("地区生产总值同比增长8%左右");
  });

  it("wulumuqi: unnumbered chapter headings over numbered sections; the plan's last section on self-building is other", async () => {
    const doc = await corpusDoc("wulumuqi_2024_gov_report.txt");
    expect(partOf(doc, "一、社会大局和谐稳定")).toMatchObject({ part: "review", year: 2023 });
    expect(partOf(doc, "三、着力推动经济高质量发展")).toMatchObject({ part: "plan", year: 2024 });
    expect(partOf(doc, "七、加强政府自身建设")?.part).toBe("other");
  });

  it("national 2011: a five-year plan chapter is long range to its horizon; a chapter named for the report year plans it", async () => {
    const doc = await corpusDoc("national_2011_gov_report.txt");
    expect(partOf(doc, "二、“十二五”时期的主要目标和任务")).toMatchObject({ part: "long_range", year: 2015 });
    expect(partOf(doc, "三、2011年的工作")).toMatchObject({ part: "plan", year: 2011 });
    // The lead-in stands on a line of its own; the headline takes the list after it.
    expect(doc.text.slice(doc.headline!.start, doc.headline!.end)).toMatch(/主要预期目标是：\n+国内生产总值增长8%左右/u);
  });

  it("a plan's sub-heading hoping for 成绩 stays in the plan (hailar 2012 （八）…取得新成绩)", async () => {
    const doc = await corpusDoc("hailar_2012_gov_report.txt");
    expect(partOf(doc, "确保民生工作取得新成绩")).toMatchObject({ part: "plan", year: 2012 });
  });

  it("stray lines of a wiki copy (' and 粗体文字) neither open nor close a part (national 2007)", async () => {
    const doc = await corpusDoc("national_2007_gov_report.txt");
    expect(partOf(doc, "三、促进经济又好又快发展")).toMatchObject({ part: "plan", year: 2007 });
    expect(partOf(doc, "六、加强政府自身改革和建设")?.part).toBe("other");
  });

  it("an interview's 2018年成绩 and 展望2019年 open a review of 2018 and a plan for 2019 (002)", async () => {
    const doc = (await realArticles()).get("002")!;
    expect(doc.parts.map((p) => [p.part, p.year])).toEqual([["review", 2018], ["plan", 2019]]);
    expect(doc.date.report_year).toBe(2019);
  });

  it("a government self-building paragraph inside a review stays review", () => {
    const doc = articleOf("各位代表：\n\n一、2023年工作回顾\n\n全年新建学校5所。\n\n（八）着力加强政府自身建设\n\n办理建议120件。\n\n二、2024年工作安排\n\n新建学校8所。");
    expect(partOf(doc, "办理建议120件")).toMatchObject({ part: "review", year: 2023 });
  });
});
