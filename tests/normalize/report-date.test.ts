import { describe, expect, it } from "vitest";
import { documentDate } from "../../pipeline/normalize/report-date.ts";
import { parseNumber } from "../../pipeline/text/parse-number.ts";
import { articleOf, realArticles } from "../helpers.ts";

const real = await realArticles();
const dateOf = (text: string) => {
  const doc = articleOf(text);
  return documentDate(doc.text, doc.blocks);
};

describe("article dates of the real articles", () => {
  it("鲤城: 今年是党的二十大精神的开局之年 → 2023", () => {
    const doc = real.get("001")!;
    expect(documentDate(doc.text, doc.blocks)).toMatchObject({
      published_date: "2023",
      date_precision: "year",
      date_evidence: ["今年是全面贯彻落实党的二十大精神的开局之年"],
    });
  });

  it("仲恺: 1月24日 in the lead, the year from its review of 2018 → 2019-01-24", () => {
    const doc = real.get("002")!;
    const date = documentDate(doc.text, doc.blocks);
    expect(date).toMatchObject({ published_date: "2019-01-24", date_precision: "day" });
    expect(date.date_evidence).toEqual(["1月24日", "2018年成绩"]);
  });

  it.each(["000", "003", "004"])("%s states no year, so its date is unknown (惠城's 3日下午 is no date)", (key) => {
    const doc = real.get(key)!;
    expect(documentDate(doc.text, doc.blocks)).toEqual({ published_date: null, date_precision: "unknown", date_evidence: null, report_year: null, report_year_evidence: null });
  });
});

describe("article dates in written leads", () => {
  it("takes a full date from the lead", () => {
    expect(dateOf("源城区第八次党代会开幕\n2021年9月28日，中国共产党河源市源城区第八次代表大会开幕。\n")).toMatchObject({
      published_date: "2021-09-28",
      date_precision: "day",
      date_evidence: ["2021年9月28日"],
    });
    expect(dateOf("区委全会召开\n2020年12月，区委召开全体会议，部署明年工作。\n")).toMatchObject({ published_date: "2020-12", date_precision: "month" });
  });

  it.each([
    ["今年是新中国成立70周年，全区上下要奋力拼搏。", "2019"],
    ["今年是中国共产党成立一百周年，也是“十四五”开局之年。", "2021"],
    ["今年是“十四五”规划开局之年，全区将扎实推进各项工作。", "2021"],
    ["今年是“十三五”收官之年，我们要确保全面建成小康社会。", "2020"],
    ["今年是贯彻落实党的十九大精神的开局之年，全区将乘势而上。", "2018"],
  ])("%s → %s", (sentence, year) => {
    expect(dateOf(`区委全会部署全年工作\n${sentence}\n`)).toMatchObject({ published_date: year, date_precision: "year" });
  });

  it("dates a month-day in the lead with the year an outlook fixes", () => {
    expect(dateOf("区委全会召开\n2月18日，区委召开全体会议。\n展望2020年\n全区将加快发展。\n")).toMatchObject({
      published_date: "2020-02-18",
      date_precision: "day",
      date_evidence: ["2月18日", "展望2020年"],
    });
  });

  it("never makes a date from a month-day alone, or from a sentence about another year", () => {
    expect(dateOf("区委全会召开\n1月24日，区委全体（扩大）会议举行。\n")).toMatchObject({ published_date: null, date_precision: "unknown" });
    expect(dateOf("区委全会召开\n2018年是贯彻落实党的十九大精神的开局之年，全区各项事业取得新进步。\n")).toMatchObject({ date_precision: "unknown" });
  });

  it("ignores a month-day of last year and an impossible day", () => {
    expect(dateOf("区委全会召开\n去年5月12日，全区启动城市更新。今年是“十四五”开局之年。\n")).toMatchObject({ published_date: "2021", date_precision: "year" });
    expect(dateOf("区委全会召开\n2月30日，区委召开全体会议。今年是“十四五”开局之年。\n")).toMatchObject({ published_date: "2021", date_precision: "year" });
  });

  it.each([["70", 70], ["七十", 70], ["一百", 100], ["十", 10], ["四十", 40], ["周", null]])("anniversary count %s = %s", (s, n) => {
    expect(parseNumber(s)).toBe(n);
  });
});
