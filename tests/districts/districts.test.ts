import { describe, expect, it } from "vitest";
import { findSubject } from "../../pipeline/districts/find-subject.ts";
import { gazetteer } from "../../pipeline/districts/gazetteer.ts";
import { placeIndex } from "../../pipeline/districts/place-index.ts";
import { resolveDistrict } from "../../pipeline/districts/resolve-district.ts";
import { articleOf, realArticles } from "../helpers.ts";

const real = await realArticles();
const byId = (id: string) => gazetteer().find((p) => p.district_id === id);
const idsOf = (name: string) => (placeIndex().names.get(name) ?? []).map((p) => p.district_id).sort();

describe("gazetteer", () => {
  it("holds GB/T 2260 divisions at every level with their parents", () => {
    expect(byId("440000")).toMatchObject({ name: "广东省", level: "province", division_type: "province" });
    expect(byId("441300")).toMatchObject({ name: "惠州市", level: "city", division_type: "prefecture_city", province_code: "440000" });
    expect(byId("430602")).toMatchObject({ name: "岳阳楼区", level: "county", division_type: "district", city: "岳阳市", city_code: "430600", province: "湖南省" });
    expect(byId("441322")).toMatchObject({ name: "博罗县", division_type: "county", city_code: "441300" });
    // A municipality's districts have the municipality as their city.
    expect(byId("110101")).toMatchObject({ name: "东城区", city: "北京市", city_code: "110000", province_code: "110000" });
  });

  it("marks NBS statistical zones and curated supplement zones as zones with their parent city", () => {
    expect(byId("130171")).toMatchObject({ level: "zone", division_type: "high_tech_zone", city_code: "130100" });
    expect(byId("441300-Z01")).toMatchObject({ name: "仲恺高新技术产业开发区", level: "zone", division_type: "high_tech_zone", city: "惠州市", city_code: "441300", province_code: "440000" });
    for (const p of gazetteer().filter((p) => p.district_id.includes("-Z"))) expect(p.district_id.startsWith(p.city_code!)).toBe(true);
  });

  it("indexes short names, city-qualified names and zone abbreviations", () => {
    expect(idsOf("惠城")).toEqual(["441302"]);
    expect(idsOf("岳阳楼")).toEqual(["430602"]);
    expect(idsOf("惠州")).toEqual(["441300"]);
    expect(idsOf("惠州市惠城区")).toEqual(["441302"]);
    expect(idsOf("仲恺")).toEqual(["441300-Z01"]);
    expect(idsOf("石家庄高新区")).toEqual(["130171"]);
    expect(idsOf("鼓楼区")).toEqual(["320106", "320302", "350102", "410204"]);
  });

  it("does not let everyday words or a county's short name shadow other places", () => {
    expect(idsOf("和平")).toEqual([]); // 和平区, 和平县: "peace"
    expect(idsOf("和平县")).toEqual(["441624"]);
    expect(idsOf("岳阳")).toEqual(["430600"]); // the city, not 岳阳县
  });
});

describe("subject district of the real articles", () => {
  it.each([
    ["000", "441302", "惠城区", "惠城區", "惠州市", "广东省"],
    ["001", "350502", "鲤城区", "鯉城區", "泉州市", "福建省"],
    ["002", "441300-Z01", "仲恺高新技术产业开发区", "仲恺高新区", "惠州市", "广东省"],
    ["003", "430602", "岳阳楼区", "岳阳楼区", "岳阳市", "湖南省"],
    ["004", "441602", "源城区", "源城区", "河源市", "广东省"],
  ])("%s resolves to %s %s", (key, id, name, original, city, province) => {
    const context = resolveDistrict(real.get(key)!);
    expect(context.district_status).toBe("resolved");
    expect(context.district).toMatchObject({ district_id: id, name, name_original: original, city, province });
  });

  it("keeps places only mentioned apart from the subject", () => {
    const doc = real.get("004")!;
    const subject = findSubject(doc.text, doc.blocks);
    const mentioned = new Set(subject.mentions.flatMap((m) => m.places.map((p) => p.district_id)));
    expect(mentioned).toContain("441600-Z01"); // 河源国家高新区
    expect(mentioned).toContain("440300"); // 深圳
    expect(mentioned).not.toContain("450329"); // 资源 (a county in Guangxi) is the word "resources" here
    expect(subject.place?.district_id).toBe("441602");
  });

  it("finds 岳阳楼区, not its city, without the byline too", () => {
    const doc = real.get("003")!;
    expect(doc.text).not.toContain("作者"); // normalize moved the byline out of the text
    expect(findSubject(doc.text, doc.blocks).place?.district_id).toBe("430602");
  });
});

describe("namesakes and unresolvable articles", () => {
  const gulou = (lead: string) =>
    articleOf(`鼓楼区召开区委全会部署新一年工作\n${lead}\n会议强调，全区上下要坚定信心、真抓实干，确保各项目标任务落到实处。\n`);

  it.each([
    ["福州", "350102", "鼓楼区委书记林文华表示，鼓楼将立足省会中心城区定位，在福州建设现代化国际城市中当好排头兵。"],
    ["南京", "320106", "鼓楼区委书记张宁表示，鼓楼将紧扣南京创新名城建设，加快建设高品质中心城区。"],
    ["徐州", "320302", "鼓楼区委书记赵勇表示，鼓楼将围绕徐州淮海经济区中心城市建设，推动老工业基地振兴。"],
    ["开封", "410204", "鼓楼区委书记刘洋表示，鼓楼将依托开封古城文化资源，做强文旅产业。"],
  ])("鼓楼区 with %s named is %s", (_city, id, lead) => {
    const context = resolveDistrict(gulou(lead));
    expect(context.district?.district_id).toBe(id);
    expect(context.district?.city_code).toBe(id.slice(0, 4) + "00");
  });

  it("城关区 is told apart by its city or by its province alone", () => {
    const lanzhou = articleOf("城关区第十二次党代会开幕\n城关区委书记王建国作报告，提出城关将在兰州强省会战略中走在前列。\n");
    const lhasa = articleOf("城关区第十次党代会开幕\n城关区委书记次仁作报告，提出城关将在西藏长治久安和高质量发展中作示范。\n");
    expect(resolveDistrict(lanzhou).district?.district_id).toBe("620102");
    expect(resolveDistrict(lhasa).district?.district_id).toBe("540102");
  });

  it("flags namesakes the text does not tell apart instead of guessing", () => {
    const context = resolveDistrict(gulou("鼓楼区委书记在会上表示，鼓楼将持续优化营商环境，推动中心城区高质量发展。"));
    expect(context.district).toBeNull();
    expect(context.district_status).toBe("ambiguous");
    expect(context.district_note).toMatch(/福州市.*南京市.*徐州市.*开封市|南京市.*徐州市.*福州市.*开封市/);
    expect(context.officials).toEqual([]);
  });

  it("flags 新城区 (Hohhot or Xi'an) only when neither city is named", () => {
    const lead = (city: string) => articleOf(`新城区政府工作报告\n今年，新城区将全力推进老旧小区改造，${city}\n`);
    expect(resolveDistrict(lead("助力西安国际化大都市建设。")).district?.district_id).toBe("610102");
    expect(resolveDistrict(lead("助力呼和浩特首府建设。")).district?.district_id).toBe("150102");
    expect(resolveDistrict(lead("提升城市品质。")).district_status).toBe("ambiguous");
  });

  it("flags an article that names no place it speaks for", () => {
    const context = resolveDistrict(
      articleOf("以高质量党建引领基层治理\n近年来，各地坚持把抓基层、打基础作为长远之计，推动资源下沉、合作共建，基层治理效能不断提升。\n"),
    );
    expect(context).toMatchObject({ district: null, district_status: "not_found", officials: [] });
    expect(context.district_note).toMatch(/no place/);
  });

  it("resolves a State Council report to the country and a province's report to the province", () => {
    const national = resolveDistrict(articleOf("政府工作报告\n国务院总理 李强\n各位代表：现在，我代表国务院，向大会报告政府工作。\n"));
    expect(national.district).toMatchObject({ district_id: "100000", level: "national", division_type: "country" });
    expect(national.officials).toEqual([{ name: "李强", title: "国务院总理" }]);
    const province = resolveDistrict(articleOf("广东省政府工作报告\n省长王伟中代表省政府作报告。广东将奋力推进高质量发展，全省上下要真抓实干。\n"));
    expect(province.district).toMatchObject({ district_id: "440000", level: "province", division_type: "province" });
  });

  it("takes a city's own report for the city, even when it names its districts", () => {
    const context = resolveDistrict(
      articleOf("惠州市委全会部署新一年工作\n市委书记李明表示，惠州将加快建设国内一流城市，支持惠城区、惠阳区、仲恺高新区各展所长。\n全市上下要真抓实干。\n"),
    );
    expect(context.district).toMatchObject({ district_id: "441300", level: "city", province: "广东省" });
  });
});
