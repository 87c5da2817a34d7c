import { describe, expect, it } from "vitest";
import { extractOfficials } from "../../pipeline/districts/extract-officials.ts";
import { findSubject } from "../../pipeline/districts/find-subject.ts";
import { gazetteer } from "../../pipeline/districts/gazetteer.ts";
import { findMentions, placeIndex } from "../../pipeline/districts/place-index.ts";
import { resolveDistrict } from "../../pipeline/districts/resolve-district.ts";
import { alignsWithWords } from "../../pipeline/districts/within-words.ts";
import { articleOf, corpusDoc } from "../helpers.ts";

const place = (id: string) => gazetteer().find((p) => p.district_id === id)!;
const subjectOf = (text: string) => {
  const doc = articleOf(text);
  return findSubject(doc.text, doc.blocks);
};

describe("places: a name must be a name where it stands", () => {
  it("does not straddle a word boundary: 和县 of 市委和县委 starts at a conjunction", () => {
    const text = "市委和县委联合召开会议";
    expect(findMentions(text, placeIndex()).map((m) => [m.surface, alignsWithWords(text, m)])).toEqual([["和县", false]]);
    const own = "惠城区委书记主持";
    expect(findMentions(own, placeIndex()).map((m) => [m.surface, alignsWithWords(own, m)])).toEqual([["惠城区", true]]);
  });

  it("a county's short form that is an everyday word is no alias (合作 of 合作市, 资源 of 资源县)", () => {
    const names = new Set(placeIndex().names.keys());
    expect([names.has("合作"), names.has("资源"), names.has("合作市"), names.has("资源县"), names.has("海拉尔")]).toEqual([false, false, true, true, true]);
  });

  it("a report with no title and no role cue speaks for the place it names far more than any other", () => {
    const text = "各位代表：\n\n现在，我代表市人民政府向大会报告工作。\n\n一、2023年工作回顾\n\n过去一年，全市上下团结奋斗。\n\n三亚经济稳步增长，三亚旅游持续升温，三亚城市更新加快，三亚民生改善，三亚生态优良，海南全省发展向好。";
    const subject = subjectOf(text);
    expect([subject.status, subject.place?.district_id]).toEqual(["resolved", "460200"]);
    expect(subject.note).toMatch(/^named most/u);
  });

  it("a city's report that names its province as often as itself speaks for the city (wulumuqi)", async () => {
    expect(resolveDistrict(await corpusDoc("wulumuqi_2024_gov_report.txt")).district?.district_id).toBe("650100");
  });

  it("the State Council's report speaks for the country (100000)", async () => {
    expect(resolveDistrict(await corpusDoc("national_2014_gov_report.txt")).district).toMatchObject({ district_id: "100000", level: "national" });
  });
});

describe("officials: any surname, titles split by a line break, every name of a list", () => {
  const hailar = place("150702");
  const officials = (text: string) => extractOfficials(text, hailar, findMentions(text, placeIndex()));

  it("reads a title broken over a line or spaced out before the name (hailar's speaker line)", async () => {
    expect(officials("海拉尔区人民政府区长\n杜联合")).toEqual([{ name: "杜联合", title: "海拉尔区人民政府区长" }]);
    expect(officials("海拉尔区区长　　杜联合")).toEqual([{ name: "杜联合", title: "海拉尔区区长" }]);
    expect(resolveDistrict(await corpusDoc("hailar_2013_gov_report.txt")).officials).toEqual([{ name: "杜联合", title: "海拉尔区人民政府区长" }]);
  });

  it("knows surnames beyond the common hundred (付, 芦, 欧阳) and every name after one title", () => {
    expect(officials("海拉尔区副区长付强、芦苇、欧阳明出席会议。").map((o) => o.name)).toEqual(["付强", "芦苇", "欧阳明"]);
  });

  it("a rare surname that is a function word starts no name: 区长在会上强调", () => {
    expect(officials("海拉尔区区长在会上强调，要抓好项目。")).toEqual([]);
  });
});
