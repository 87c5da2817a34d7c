import { describe, expect, it } from "vitest";
import type { TargetRow } from "../../schemas/targets.ts";
import { articleOf, corpusDoc, targetsOfDoc } from "../helpers.ts";

/** A written report: a review of 2023 and a plan for 2024 under the headings real reports use. */
const report = (review: string, plan: string) =>
  targetsOfDoc(articleOf(`各位代表：\n\n一、2023年工作回顾\n\n${review}\n\n二、2024年工作安排\n\n${plan}`));
const brief = (rows: TargetRow[]) => rows.map((r) => [r.value, r.kind, r.year]);

describe("time: 今年 is the report year wherever it stands, 全年 the part's year", () => {
  it("national 2014: the headline targets are for 2014, not the year its review closes", async () => {
    const rows = targetsOfDoc(await corpusDoc("national_2014_gov_report.txt"));
    const gdp = rows.find((r) => r.sentence.includes("国内生产总值增长7.5%左右") && r.value === 7.5)!;
    expect([gdp.kind, gdp.year]).toEqual(["target", 2014]);
  });

  it("全年 in a review is the reviewed year, in a plan the planned year; 今年 is the report year in both", () => {
    expect(brief(report("全年新建学校5所。", "全年新建学校8所。"))).toEqual([[5, "achievement", 2023], [8, "target", 2024]]);
    // A review that says 今年 (linzhi) gets the report year, as the guide says; the part keeps its kind.
    expect(brief(report("今年完成改革任务55项。", "今年新建学校8所。"))).toEqual([[55, "achievement", 2024], [8, "target", 2024]]);
  });

  it("explicit years and periods win over the part: 2025年, “十四五”末, 到2035年, 三年内", () => {
    const rows = report("新建学校5所。", "到2025年新建学校10所，到“十四五”末建成公园20个，到2035年建成绿道300公里，三年内改造老旧小区60个。");
    expect(rows.slice(1).map((r) => [r.value, r.year, r.kind])).toEqual([[10, 2025, "target"], [20, 2025, "target"], [300, 2035, "target"], [60, null, "target"]]);
  });

  it("each quantity takes the time nearest before it: 由2010年的162.4亿元增加到2015年的287.9亿元 (hailar 2016)", async () => {
    const rows = targetsOfDoc(await corpusDoc("hailar_2016_gov_report.txt")).filter((r) => r.sentence.startsWith("地区生产总值由2010年的162.4亿元"));
    expect(rows.filter((r) => r.unit === "CNY").map((r) => [r.value, r.year])).toEqual([[16240000000, 2010], [28790000000, 2015]]);
  });

  it("a comparison base (比上年, 比2002年, 与2010年相比) dates nothing", () => {
    expect(brief(report("国内生产总值达到1000亿元，比2002年增长65.5%。", "地区生产总值比上年增长6%。"))).toEqual([
      [100000000000, "achievement", 2023],
      [65.5, "achievement", 2023],
      [6, "target", 2024],
    ]);
  });

  it("年均 names how a rate was counted, not a recurring target", () => {
    expect(brief(report("五年来地区生产总值年均增长7.5%。", "新建学校8所。"))[0]).toEqual([7.5, "achievement", null]);
  });
});

describe("kind: from the part, unless the clause says otherwise", () => {
  it("a review quoting a plan figure stays an achievement: 完成年度计划的108%", () => {
    expect(brief(report("固定资产投资完成年度计划的108%。", "新建学校8所。"))[0]).toEqual([108, "achievement", 2023]);
  });

  it("in a review, 争取 and 安排 say what was done; 拟 and 力争 still look ahead", () => {
    expect(brief(report("争取上级资金12亿元，安排专项资金3亿元，拟新建学校5所。", "新建学校8所。")).slice(0, 3)).toEqual([
      [1200000000, "achievement", 2023],
      [300000000, "achievement", 2023],
      [5, "target", 2023],
    ]);
  });

  it("将 before a number is 把, not the future (将75%以上财力用于民生)", () => {
    expect(brief(report("将75%以上财力用于保障和改善民生。", "新建学校8所。"))[0]).toEqual([75, "achievement", 2023]);
  });

  it("预计 makes an estimate in any part; a past marker in a plan an achievement", () => {
    expect(brief(report("新建学校5所。", "预计全年旅游接待人数达到700万人次。目前已经建成公园12个。")).slice(1)).toEqual([
      [7000000, "estimate", 2024],
      [12, "achievement", 2024],
    ]);
  });

  it("a clause with its own time takes no kind carried from a clause about another", () => {
    expect(brief(targetsOfDoc(articleOf("区政府工作报告\n\n在去年完成100个微改造的基础上，今年继续完成100个以上微改造。")))).toEqual([
      [100, "achievement", null],
      [100, "target", null],
    ]);
  });
});
