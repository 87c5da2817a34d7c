import { describe, expect, it } from "vitest";
import { findQuantities } from "../../pipeline/targets/find-quantities.ts";
import { whyNotTarget } from "../../pipeline/targets/exclude-quantity.ts";
import { articleOf, corpusDoc, rowsIn, targetsOfDoc } from "../helpers.ts";

const quantities = (text: string) => findQuantities(text).map((q) => [q.text, q.value, q.unit, q.comparator]);
const rows = (body: string) => targetsOfDoc(articleOf(`区政府工作报告\n\n${body}`));
const excluded = (text: string) => findQuantities(text).map((q) => whyNotTarget(text)(q, 0));

describe("quantities: measure words as data, open-ended", () => {
  it.each([
    ["新建绿道8000米", [["8000米", 8000, "m", "eq"]]],
    ["蔬菜产量达到12万公斤", [["12万公斤", 120000, "kg", "eq"]]],
    ["造林1.2万公顷", [["1.2万公顷", 12000, "hectare", "eq"]]],
    ["航班起降3.5万架次", [["3.5万架次", 35000, "flight", "eq"]]],
    ["淘汰燃煤锅炉200蒸吨", [["200蒸吨", 200, "steam_ton", "eq"]]],
    ["集装箱吞吐量突破100万标箱", [["100万标箱", 1000000, "teu", "gte"]]],
    ["新增光伏装机30万千瓦", [["30万千瓦", 300000, "kw", "eq"]]],
    ["节能50万吨标准煤", [["50万吨标准煤", 500000, "tce", "eq"]]],
    ["出口增长1.71倍", [["1.71倍", 1.71, "times", "eq"]]],
  ])("%s", (text, expected) => expect(quantities(text)).toEqual(expected));

  it("reads fractions as shares in per cent: 三分之一, 1/4", () => {
    expect(quantities("占比达到三分之一，覆盖1/4的村")).toEqual([["三分之一", 33.3333333333, "percent", "eq"], ["1/4", 25, "percent", "eq"]]);
  });

  it("reads thousands separators and 点 decimals whole: 1,200亿元 is not 200亿元, 百分之六点四 is not 6", () => {
    expect(quantities("全年完成投资1,200亿元，新增学位12,500个，2019,2020年")).toEqual([["1,200亿元", 120000000000, "CNY", "eq"], ["12,500个", 12500, "count", "eq"]]);
    expect(quantities("地区生产总值增长百分之六点四")).toEqual([["百分之六点四", 6.4, "percent", "eq"]]);
  });

  it("reads 万 and 亿 before 以上 with no classifier: 城镇新增就业1000万以上", () => {
    expect(rows("城镇新增就业1000万以上。").map((r) => [r.value, r.unit, r.comparator])).toEqual([[10000000, "person", "gte"]]);
  });

  it("reads paired quantities as two: 120户450人, 8条21公里", () => {
    expect(quantities("帮扶120户450人，修建8条21公里道路")).toEqual([
      ["120户", 120, "household", "eq"],
      ["450人", 450, "person", "eq"],
      ["8条", 8, "count", "eq"],
      ["21公里", 21, "km", "eq"],
    ]);
  });

  it("reads 保8争9 as a floor and a level of the rate before it, also in quotes (liangshan)", async () => {
    const found = rowsIn(await corpusDoc("liangshan_2024_gov_report.txt"), "地区生产总值增速“保8争9”");
    expect(found.map((r) => [r.value, r.unit, r.comparator, r.kind, r.year])).toEqual([
      [8, "percent", "gte", "target", 2024],
      [9, "percent", "eq", "target", 2024],
    ]);
  });

  it("reads an index value, which has no unit: 居民消费价格指数控制在103左右 (chengdu)", async () => {
    const cpi = targetsOfDoc(await corpusDoc("chengdu_2024_gov_report.txt")).find((r) => r.unit === "index")!;
    expect([cpi.value, cpi.comparator, cpi.kind, cpi.year, cpi.metric]).toEqual([103, "approx", "target", 2024, "居民消费价格指数"]);
  });
});

describe("not quantities, by context", () => {
  it("a session number: 十二届二次全会", () => expect(excluded("召开十二届二次全会")).toEqual(["ordinal or session number"]));
  it("a word that starts with a numeral: 零部件", () => expect(excluded("增加关键零部件进口")).toEqual(["a numeral inside a word (零部件)"]));
  it("a counted set of rules: 八条禁令", () => expect(excluded("严格落实八条禁令")).toEqual(["counted set of rules or measures (八条禁令)"]));
  it("a count that happens to equal a list's length is an amount unless it sums the list in words", () => {
    expect(excluded("建设A、B和C三个平台")).toEqual(["summary count of the items just listed"]);
    expect(excluded("完成A、B和C改造，新建3个平台")).toEqual([null]);
  });
});

describe("metrics: a parsing step", () => {
  it("carries a shared noun through a list: 城镇、农村居民人均可支配收入分别增长6%、7%", () => {
    expect(rows("城镇、农村居民人均可支配收入分别增长6%、7%。").map((r) => [r.metric, r.value])).toEqual([
      ["城镇居民人均可支配收入", 6],
      ["农村居民人均可支配收入", 7],
    ]);
    expect(rows("第一、第二、第三产业增加值分别增长2%、5.5%和6.5%。").map((r) => r.metric)).toEqual(["第一产业增加值", "第二产业增加值", "第三产业增加值"]);
  });

  it("hands 城镇 and 农村 series out of 城乡 (wenzhou)", async () => {
    const found = rowsIn(await corpusDoc("wenzhou_2024_gov_report.txt"), "城乡居民人均可支配收入分别增长6%、6.5%");
    expect(found.map((r) => [r.metric, r.value])).toEqual([["城镇居民人均可支配收入", 6], ["农村居民人均可支配收入", 6.5]]);
  });

  it("strips scope words and comparison words from the ends: 全州地区生产总值, 一般公共预算收入同口径", () => {
    expect(rows("全州地区生产总值增长6%左右，一般公共预算收入同口径增长6%左右。").map((r) => r.metric)).toEqual(["地区生产总值", "一般公共预算收入"]);
  });
});
