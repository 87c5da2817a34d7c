import { describe, expect, it } from "vitest";
import { findQuantities } from "../../pipeline/targets/find-quantities.ts";
import { parseNumber } from "../../pipeline/text/parse-number.ts";

describe("parseNumber", () => {
  it.each([
    ["十", 10],
    ["十五", 15],
    ["二十", 20],
    ["两", 2],
    ["三千二百", 3200],
    ["百万", 1_000_000],
    ["1.9万", 19_000],
    ["1.35亿", 135_000_000],
    ["1.3万亿", 1_300_000_000_000],
    ["1亿5000万", 150_000_000],
    ["460.9", 460.9],
  ])("%s → %d", (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it("rejects what is not a numeral", () => {
    expect(parseNumber("")).toBeNull();
    expect(parseNumber("三三")).toBeNull();
    expect(parseNumber("万庆良")).toBeNull();
  });
});

/** [text, value, value_high, unit, measure_word, comparator] of every quantity found. */
const found = (text: string) => findQuantities(text).map((q) => [q.text, q.value, q.value_high, q.unit, q.measure_word, q.comparator]);

describe("findQuantities: the quantity grammar", () => {
  it("applies scale words and keeps the measure word as written", () => {
    expect(found("今年要新增各类优质学位1.9万个")).toEqual([["1.9万个", 19000, null, "count", "个", "eq"]]);
    expect(found("实际利用外资金额1.35亿美元")).toEqual([["1.35亿美元", 135_000_000, null, "USD", "亿美元", "eq"]]);
    expect(found("预计全年完成地区生产总值618亿元")).toEqual([["618亿元", 61_800_000_000, null, "CNY", "亿元", "eq"]]);
    expect(found("粮食总产量稳定在1.3万亿斤")).toEqual([["1.3万亿斤", 1_300_000_000_000, null, "jin", "斤", "eq"]]);
  });

  it("reads ranges with the unit on one or both ends", () => {
    expect(found("瞄准10亿~50亿元项目")).toEqual([["10亿~50亿元", 1e9, 5e9, "CNY", "亿元", "range"]]);
    expect(found("增长6%-6.5%")).toEqual([["6%-6.5%", 6, 6.5, "percent", "%", "range"]]);
    expect(found("增长6~6.5%")).toEqual([["6~6.5%", 6, 6.5, "percent", "%", "range"]]);
    // Written high to low, the interval is the same: value stays the lower bound.
    expect(found("引进84亿~43亿元项目")).toEqual([["84亿~43亿元", 4.3e9, 8.4e9, "CNY", "亿元", "range"]]);
  });

  it("reads comparators before, inside and after the number", () => {
    expect(found("完成100个以上惠民空间微改造")[0]?.[5]).toBe("gte");
    expect(found("争取上级资金2000余万元")).toEqual([["2000余万元", 20_000_000, null, "CNY", "万元", "gte"]]);
    expect(found("教师交流人数占比不低于6%")[0]?.[5]).toBe("gte");
    expect(found("失业率控制在4.5%以内")[0]?.[5]).toBe("lte");
    expect(found("旅游收入约85亿元")[0]?.[5]).toBe("approx");
    expect(found("旅游收入85亿元左右")[0]?.[5]).toBe("approx");
  });

  it("does not take a verb ending in 约 for 约 (签约60宗 is exactly 60)", () => {
    expect(found("确保2019年项目签约60宗")).toEqual([["60宗", 60, null, "count", "宗", "eq"]]);
  });

  it("reads Chinese numerals, units of length, area, people and days", () => {
    expect(found("坚持每年办好十件民生实事")).toEqual([["十件", 10, null, "count", "件", "eq"]]);
    expect(found("14条共12.4公里断头路")).toEqual([
      ["14条", 14, null, "count", "条", "eq"],
      ["12.4公里", 12.4, null, "km", "公里", "eq"],
    ]);
    expect(found("年内完成改造1000亩")[0]?.[3]).toBe("mu");
    expect(found("新建厂房3.5万平方米")[0]?.slice(1, 4)).toEqual([35000, null, "sqm"]);
    expect(found("培训农民1.5万人次")[0]?.[3]).toBe("person_time");
    expect(found("审批时限压缩至5个工作日")[0]?.[3]).toBe("day");
    expect(found("单位能耗下降3个百分点")[0]?.[3]).toBe("pp");
  });

  it("takes a bare scale word after a comparator verb (常住人口突破百万)", () => {
    const [q] = findQuantities("力争“十四五”期末常住人口突破百万，");
    expect(q).toMatchObject({ value: 1_000_000, comparator: "gte", bare: true });
  });

  it("finds nothing in dates, years, phone numbers and technology names", () => {
    expect(found("1月24日，2019年，0595-22128966，5G，4K超高清，国家4A级旅游景区，改革开放40周年")).toEqual([]);
  });
});
