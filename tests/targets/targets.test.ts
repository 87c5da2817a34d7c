import { readFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { Jieba } from "@node-rs/jieba";
import { describe, expect, it, vi } from "vitest";
import type { NormalizedArticle } from "../../schemas/normalized-article.ts";
import { TargetRow } from "../../schemas/targets.ts";
import { defaultDirs } from "../../pipeline/lib/paths.ts";
import { extractTargets } from "../../pipeline/targets/extract-targets.ts";
import { trimMetric, trimsToAtMost } from "../../pipeline/targets/find-metric.ts";
import { splitClauses } from "../../pipeline/targets/split-clauses.ts";
import { extractArticle } from "../../pipeline/stages/extract-article.ts";
import { articleView } from "../../pipeline/text/article-view.ts";
import { devFiles, inYear, normalizedDoc } from "../helpers.ts";

/** The article's targets when its report year is the given date's (as a dated page would fix it). */
const targetsIn = (doc: NormalizedArticle, date: string | null) => extractTargets(articleView(inYear(doc, date ? Number(date.slice(0, 4)) : null)), null);

/** Targets of a text written as an article: a title line, then paragraphs separated by blank lines. */
function targetsOf(body: string, publishedDate: string | null = null): TargetRow[] {
  return targetsIn(normalizedDoc("t.txt", Buffer.from(`区政府工作报告\n\n${body}`)), publishedDate);
}

const brief = (rows: TargetRow[]) =>
  rows.map((r) => ({ kind: r.kind, metric: r.metric, value: r.value, unit: r.unit, comparator: r.comparator, direction: r.direction, time_phrase: r.time_phrase, year: r.year }));

async function realArticle(file: string): Promise<NormalizedArticle> {
  return normalizedDoc(file, await readFile(join(defaultDirs.raw, file)));
}

describe("one cue governing a list", () => {
  it("确保2019年… gives four targets for 2019 (real sentence)", () => {
    const rows = targetsOf("确保2019年项目签约60宗，落地50宗，开工建设20宗，竣工20宗。");
    expect(rows.map((r) => [r.value, r.kind, r.year, r.unit])).toEqual([
      [60, "target", 2019, "count"],
      [50, "target", 2019, "count"],
      [20, "target", 2019, "count"],
      [20, "target", 2019, "count"],
    ]);
    expect(rows.map((r) => r.metric)).toEqual(["项目签约", "落地", "开工建设", "竣工"]);
  });

  it("a lead-in clause (力争到2025年，…) governs the quantities after it (new sentence)", () => {
    expect(brief(targetsOf("力争到2025年，全区规上工业总产值突破1000亿元，高新技术企业达到500家以上。"))).toEqual([
      { kind: "target", metric: "规上工业总产值", value: 1e11, unit: "CNY", comparator: "gte", direction: "level", time_phrase: "到2025年", year: 2025 },
      { kind: "target", metric: "高新技术企业", value: 500, unit: "count", comparator: "gte", direction: "level", time_phrase: "到2025年", year: 2025 },
    ]);
  });

  it("a colon lead-in (今年主要预期目标是：) governs the list (new sentence)", () => {
    const rows = targetsOf("今年主要预期目标是：地区生产总值增长6%左右，城镇新增就业1.2万人，城镇调查失业率控制在5.5%以内。", "2023-02-10");
    expect(rows.map((r) => [r.value, r.unit, r.comparator, r.direction, r.time_phrase, r.year])).toEqual([
      [6, "percent", "approx", "increase", "今年", 2023],
      [12000, "person", "eq", "increase", "今年", 2023],
      [5.5, "percent", "lte", "level", "今年", 2023],
    ]);
  });

  it("a colon lead-in governs list items split into sentences by semicolons (new sentence)", () => {
    const rows = targetsOf("2024年主要预期目标：地区生产总值增长6%以上；固定资产投资增长8%；社会消费品零售总额增长7%左右。");
    expect(rows.map((r) => [r.kind, r.metric, r.comparator, r.year])).toEqual([
      ["target", "地区生产总值", "gte", 2024],
      ["target", "固定资产投资", "eq", 2024],
      ["target", "社会消费品零售总额", "approx", 2024],
    ]);
  });

  it("过去一年 and 截至去年底 lead in achievements; 比上年 is a comparison, not a time (new sentences)", () => {
    expect(targetsOf("过去一年，全区地区生产总值增长6.8%，一般公共预算收入完成28.6亿元。").map((r) => r.kind)).toEqual(["achievement", "achievement"]);
    expect(targetsOf("截至去年底，全区累计建成5G基站1200个。")[0]).toMatchObject({ kind: "achievement", metric: "5G基站", time_phrase: "去年底" });
    expect(targetsOf("全区常住人口比上年增加1.2万人。")[0]).toMatchObject({ metric: "常住人口", direction: "increase", time_phrase: null });
  });

  it("a clause without quantities that only frames the past (在去年…的基础上) carries nothing (real sentence)", () => {
    const rows = targetsOf("在去年已经大幅实现“两降一升”的基础上，力争中心城区刑事发案率再下降15%、接处警率再下降10%、破案率再上升15%。");
    expect(rows.map((r) => [r.value, r.kind, r.direction, r.time_phrase])).toEqual([
      [15, "target", "decrease", null],
      [10, "target", "decrease", null],
      [15, "target", "increase", null],
    ]);
  });
});

describe("分别 and 均 distribute", () => {
  it("分别达363家、9家 gives each item its own metric (real sentence)", () => {
    const rows = targetsOf("积极培育高新技术企业、新型研发机构，总数分别达363家、9家。");
    expect(rows.map((r) => [r.metric, r.value])).toEqual([
      ["高新技术企业", 363],
      ["新型研发机构", 9],
    ]);
  });

  it("均达100% over two items gives two rows with distinct ids (new sentence)", () => {
    const rows = targetsOf("全年受理的群众来信、来访办结率均达100%。");
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.value)).toEqual([100, 100]);
    expect(rows[0]!.metric).toContain("来信");
    expect(rows[1]!.metric).toContain("来访");
    expect(new Set(rows.map((r) => r.target_id)).size).toBe(2);
  });

  it("人均 and 年均 are not the distributing 均 (new sentence)", () => {
    expect(targetsOf("居民人均可支配收入年均增长7%。")).toHaveLength(1);
  });
});

describe("a cue carried through a list", () => {
  it("预计全年… makes every item an estimate (real sentence)", () => {
    const rows = targetsOf(
      "预计全年完成地区生产总值618亿元，规上工业增加值460.9亿元，固定资产投资249.1亿元，税收总额143.8亿元，区级一般公共预算收入32.8亿元。",
    );
    expect(rows.map((r) => r.kind)).toEqual(Array(5).fill("estimate"));
    expect(rows.map((r) => r.metric)).toEqual(["地区生产总值", "规上工业增加值", "固定资产投资", "税收总额", "区级一般公共预算收入"]);
    expect(rows.map((r) => r.time_phrase)).toEqual(Array(5).fill("全年"));
    // 增加值 is a noun, not the cue 增加.
    expect(rows[1]!.direction).toBe("level");
  });

  it("an unnamed growth rate takes the metric before it (new sentence)", () => {
    const rows = targetsOf("预计全年完成固定资产投资320亿元、增长8.5%。");
    expect(rows.map((r) => [r.kind, r.metric, r.value, r.direction])).toEqual([
      ["estimate", "固定资产投资", 3.2e10, "level"],
      ["estimate", "固定资产投资", 8.5, "increase"],
    ]);
  });
});

describe("one clause, two quantities", () => {
  it("14条共12.4公里断头路 → 14 roads and 12.4 km (real sentence)", () => {
    const rows = targetsOf("年内完成西坑大道、惠风六路、惠风东三路等14条共12.4公里“断头路”建设，推动四环路通车。", "2019-01-24");
    expect(rows.map((r) => [r.value, r.unit, r.metric, r.time_phrase, r.year])).toEqual([
      [14, "count", "断头路建设", "年内", 2019],
      [12.4, "km", "断头路建设", "年内", 2019],
    ]);
  });

  it("投入2.2亿元推进仲恺中学等8所学校建设 → money and schools (real sentence)", () => {
    const rows = targetsOf("投入2.2亿元推进仲恺中学等8所学校建设。");
    expect(rows.map((r) => [r.value, r.unit])).toEqual([
      [2.2e8, "CNY"],
      [8, "count"],
    ]);
    expect(rows[1]!.metric).toBe("学校建设");
  });
});

describe("metric", () => {
  it("a count names the noun after it unless a predicate follows (new sentences)", () => {
    expect(targetsOf("全区辖4个街道、3个镇。").map((r) => r.metric)).toEqual(["街道", "镇"]);
    expect(targetsOf("重大项目28个全部开工，其中省重点项目5个。").map((r) => r.metric)).toEqual(["重大项目", "省重点项目"]);
  });
});

describe("Chinese numerals and scale words", () => {
  it("百万 after 突破 takes people as the unit of a population (real sentence)", () => {
    expect(brief(targetsOf("力争“十四五”期末常住人口突破百万，人口结构持续优化。"))).toEqual([
      { kind: "target", metric: "常住人口", value: 1_000_000, unit: "person", comparator: "gte", direction: "level", time_phrase: "十四五期末", year: 2025 },
    ]);
  });

  it("1.9万个 with 新增 is an increase for this year (real sentence)", () => {
    expect(brief(targetsOf("今年要新增各类优质学位1.9万个。"))).toEqual([
      { kind: "target", metric: "优质学位", value: 19000, unit: "count", comparator: "eq", direction: "increase", time_phrase: "今年", year: null },
    ]);
  });

  it("a Chinese-numeral count that is not a slogan is taken (new sentence)", () => {
    expect(targetsOf("年内新建三所公办幼儿园。").map((r) => [r.value, r.metric])).toEqual([[3, "公办幼儿园"]]);
  });
});

describe("review and plan sections", () => {
  it("2018年成绩 gives achievements of 2018 and 展望2019年 targets (real article)", async () => {
    const doc = await realArticle("002_3bfee480ff51888f.txt");
    const rows = targetsIn(doc, "2019-01-24");
    const byValue = (v: number) => rows.find((r) => r.value === v)!;
    expect(byValue(482)).toMatchObject({ kind: "achievement", time_phrase: "2018年", year: 2018 });
    expect(byValue(1.35e8)).toMatchObject({ kind: "achievement", unit: "USD", year: 2018 });
    expect(byValue(6.18e10)).toMatchObject({ kind: "estimate", time_phrase: "全年", year: 2018 });
    expect(byValue(1000)).toMatchObject({ kind: "target", time_phrase: "年内", year: 2019 });
    expect(byValue(6)).toMatchObject({ kind: "target", time_phrase: "每年", year: null, recurring: true, comparator: "gte" });
    // The headings 清理阻碍改革发展文件482份 and 年内完成14条“断头路”建设 repeat the body: one row each.
    expect(rows.filter((r) => r.value === 482)).toHaveLength(1);
    expect(rows.filter((r) => r.value === 14)).toHaveLength(1);
  });

  it("回顾/工作安排 headings of a new article switch the kind and the year", () => {
    const rows = targetsOf("回顾2022年\n\n全区完成一般公共预算收入45.3亿元。\n\n2023年工作安排\n\n一般公共预算收入增长5%。", "2023-01-15");
    expect(rows.map((r) => [r.kind, r.year])).toEqual([
      ["achievement", 2022],
      ["target", 2023],
    ]);
  });

  it("去年 in its own clause is an achievement, 今年 in the next a target (real sentence)", () => {
    const rows = targetsOf("在去年完成100个惠民空间微改造的基础上，今年继续以市、区联动方式完成100个以上惠民空间微改造。");
    expect(rows.map((r) => [r.kind, r.time_phrase, r.comparator, r.metric])).toEqual([
      ["achievement", "去年", "eq", "惠民空间微改造"],
      ["target", "今年", "gte", "惠民空间微改造"],
    ]);
  });

  it("过去五年 gives achievements and an explicit past year is one once the article date is known (new sentences)", () => {
    expect(targetsOf("过去五年，新增就业岗位2.1万个。")[0]).toMatchObject({ kind: "achievement", value: 21000 });
    expect(targetsOf("2022年，全区完成地区生产总值1250.6亿元。", "2023-03-01")[0]).toMatchObject({ kind: "achievement", year: 2022 });
    expect(targetsOf("今年，全区地区生产总值达到1300亿元。", "2023-03-01")[0]).toMatchObject({ kind: "target", year: 2023 });
  });

  it("每年 is recurring with no year (real sentence)", () => {
    expect(targetsOf("每年义务教育阶段教师交流人数占比不低于6%。")[0]).toMatchObject({ recurring: true, year: null, comparator: "gte", unit: "percent" });
  });
});

describe("what is not a target", () => {
  it.each([
    ["programme names and slogans (real)", "效不更方推进“3+2”系统工程，健全完善“1345”总体战略，357创新产业带工作稳步开展，巩固提升学前教育“5080”攻坚成果，发展“6+4”产业集群，加快推进“1+7+N”党群服务体系建设。"],
    ["programme names (new)", "深入实施“百千万工程”，推动形成“一核两翼三区”发展格局，推进“三个一批”项目建设，落实“两个一律”要求和1+N政策体系。"],
    ["technology and grade names (real)", "大力发展4K超高清视频产业，提前谋划布局5G产业，依托国家4A级旅游景区。"],
    ["anniversaries, ordinals, sessions and dates (real)", "3日下午，惠城区第八届人民代表大会第七次会议闭幕。2018年是贯彻落实党的十九大精神的开局之年，是改革开放40周年。1月24日，会议举行。"],
    ["sessions and anniversaries (new)", "区十七届人大二次会议召开，隆重庆祝建党100周年，第二批试点顺利验收。"],
    ["counted items in slogans and plan titles (real)", "坚持“一年转型打基础、三年转换见成效、五年转化上台阶”，全面实施新一轮加强党的基层组织建设三年行动计划，深入实施两个“千人计划”，落实“四个不摘”要求，深入实施“粤菜师傅”“广东技工”“南粤家政”三大工程。"],
    ["counted slogans and the plan's own parts (new)", "牢记三个“走在前列”，致力抓好六项工作，重点要做好六个方面工作，建设东区新城、西区科技园和南区物流港三个平台。"],
    ["numbered slogans, durations and rankings (new)", "为实现两个一百年奋斗目标，统筹推进五位一体总体布局，落实中央八项规定，配齐四套班子，三次产业结构持续优化，全区排名全省前三位，6个月内完成整改。"],
    ["一 as an article (real)", "通过一个人带动一个团队，打造一支过硬铁军，建设一批示范街区。"],
    ["page chrome and contacts (real)", "所有评论仅代表网友观点，发言最多为2000字符(每个汉字相当于两个字符)。有关作品版权事宜请联系：0595-22128966，请在30日内进行。"],
  ])("%s", (_label, text) => {
    expect(brief(targetsOf(text))).toEqual([]);
  });

  it("an Arabic count before a quoted common noun is still an amount (实现319天“双抢”零发案)", () => {
    expect(targetsOf("实现319天“双抢”零发案。").map((r) => [r.value, r.unit, r.metric])).toEqual([[319, "day", "双抢零发案"]]);
  });
});

describe("evidence", () => {
  it("offsets point at the quantity in the normalized and the raw Traditional text (real article)", async () => {
    const doc = await realArticle("000_e1e52134b2e74e7e.txt");
    // As the extract stage makes them, with the theme of each row's metric.
    const rows = extractArticle(doc).rows.targets;
    const row = rows.find((r) => r.value === 19000)!;
    const slice = (text: string, start: number, end: number) => [...text].slice(start, end).join("");
    expect(slice(doc.text, row.char_start, row.char_end)).toBe("1.9万个");
    expect(slice(doc.raw_text, row.raw_char_start, row.raw_char_end)).toBe("1.9萬個");
    expect(row.sentence).toContain("今年要新增各类优质学位1.9万个");
    expect(row.theme_code).toBe("education");
    for (const r of rows) expect(TargetRow.safeParse(r).success).toBe(true);
  });

  it("ids are unique and the same on every run (real articles)", async () => {
    const doc = await realArticle("002_3bfee480ff51888f.txt");
    const first = targetsIn(doc, "2019-01-24").map((r) => r.target_id);
    expect(new Set(first).size).toBe(first.length);
    expect(targetsIn(doc, "2019-01-24").map((r) => r.target_id)).toEqual(first);
  });

  it("a sentence overlapping a span flagged as mojibake yields no row", () => {
    const doc = normalizedDoc("m.txt", Buffer.from("区政府工作报告\n\n今年新建学校5所。今年新建公园8个。"));
    const second = doc.sentences.find((s) => doc.text.slice(s.start, s.end).includes("公园"))!;
    const rows = targetsIn({ ...doc, unreliable: [{ start: second.start + 2, end: second.start + 4 }] }, null);
    expect(rows.map((r) => r.value)).toEqual([5]);
  });
});

describe("trimsToAtMost, the shortcut that spares tagging most clauses", () => {
  const agrees = (text: string, max: number) => trimsToAtMost(text, max) === trimMetric(text).length <= max;

  it("agrees with trimMetric on every clause of the real articles, and answers some of each kind", async () => {
    const clauses: string[] = [];
    for (const file of devFiles) {
      const doc = await realArticle(file);
      for (const s of doc.sentences) clauses.push(...splitClauses(doc.text.slice(s.start, s.end)).map((c) => c.text));
    }
    for (const max of [0, 2]) expect(clauses.filter((c) => !agrees(c, max)), `max ${max}`).toEqual([]);
    const tagged = vi.spyOn(Jieba.prototype, "tag");
    const leadIns = clauses.filter((c) => trimsToAtMost(c, 2));
    expect(leadIns).toEqual(expect.arrayContaining(["今年", "展望2019年", "实现点的突破"]));
    expect(leadIns).not.toContain("总投资约80亿元");
    // Most clauses keep more than two characters no trimmed word contains: answered without jieba (trimMetric
    // tags every clause at least once).
    expect(tagged.mock.calls.length).toBeLessThan(clauses.length / 2);
    tagged.mockRestore();
  });

  it("agrees with trimMetric on clauses made mostly of function and cue words", () => {
    const word = fc.constantFrom("我们", "进一步", "将", "和", "的", "了", "把", "在", "其中", "全年", "达到", "增长", "2025年", "10%", "学校", "建设", "签约", "“", "，");
    const clause = fc.array(word, { maxLength: 8 }).map((words) => words.join(""));
    fc.assert(fc.property(clause, fc.constantFrom(0, 1, 2, 3), agrees), { numRuns: 300, seed: 7 });
  });
});
