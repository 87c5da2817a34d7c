import { describe, expect, it } from "vitest";
import { readName } from "../../pipeline/districts/extract-officials.ts";
import { resolveDistrict } from "../../pipeline/districts/resolve-district.ts";
import { articleOf, realArticles } from "../helpers.ts";

const real = await realArticles();

describe("officials of the real articles", () => {
  it.each([
    ["000", [{ name: "刘光滨", title: "惠城区委书记" }]],
    ["001", [{ name: "黄辉灿", title: "鲤城区委书记" }]],
    ["002", [{ name: "吴献民", title: "仲恺高新区委书记、潼湖生态智慧区党工委书记" }]],
    ["003", [{ name: "陈阁辉", title: "中共岳阳楼区委书记" }]],
    ["004", []],
  ])("%s names %j", (key, officials) => {
    expect(resolveDistrict(real.get(key)!).officials).toEqual(officials);
  });

  it("leaves out officials of other places (李希书记, 习近平总书记) in the same article", () => {
    const doc = real.get("002")!;
    expect(doc.text).toContain("李希书记");
    expect(resolveDistrict(doc).officials.map((o) => o.name)).not.toContain("李希");
  });
});

describe("officials in written sentences", () => {
  const huicheng = (body: string) => resolveDistrict(articleOf(`惠城区召开区委全会\n${body}\n`)).officials;

  it("reads district heads, deputies and compound surnames, and stops at the verb after a name", () => {
    expect(huicheng("会议由惠城区区长王伟主持，区委副书记欧阳明远作报告，区委书记刘光滨讲话。")).toEqual([
      { name: "王伟", title: "惠城区区长" },
      { name: "欧阳明远", title: "区委副书记" },
      { name: "刘光滨", title: "区委书记" },
    ]);
  });

  it("keeps the longest title of a person named twice", () => {
    expect(huicheng("区委书记刘光滨表示，惠城将奋力突破。惠州市委常委、惠城区委书记刘光滨强调，要狠抓落实。")).toEqual([
      { name: "刘光滨", title: "惠州市委常委、惠城区委书记" },
    ]);
  });

  it("does not take the city's or the province's officials for the district's", () => {
    expect(huicheng("惠州市委书记李明到惠城区调研，省委书记张强作出批示。惠城区委书记刘光滨陪同。")).toEqual([
      { name: "刘光滨", title: "惠城区委书记" },
    ]);
  });

  it("needs a surname: a title followed by an ordinary word is no official", () => {
    expect(huicheng("区委书记在会上强调，区长要带头抓项目。")).toEqual([]);
  });

  it.each([
    ["吴献民作主题为", "吴献民"],
    ["王伟主持会议", "王伟"],
    ["李强表示，", "李强"],
    ["欧阳明远作报告", "欧阳明远"],
    ["在会上强调", null],
  ])("readName(%s) = %s", (text, name) => {
    expect(readName(text, 0)).toBe(name);
  });
});
