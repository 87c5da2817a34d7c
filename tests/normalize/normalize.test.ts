import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { devFiles } from "../helpers.ts";
import type { NormalizedArticle } from "../../schemas/normalized-article.ts";
import { encodeLegacy } from "../../pipeline/text/legacy-encoding.ts";
import { findMojibake } from "../../pipeline/normalize/find-mojibake.ts";
import { fromSegments, identity, rawSpan } from "../../pipeline/text/mapped-text.ts";
import { normalizeArticle } from "../../pipeline/normalize/normalize-article.ts";
import { repairMojibake } from "../../pipeline/normalize/repair-mojibake.ts";
import { splitSentences } from "../../pipeline/normalize/structure.ts";
import { simplify } from "../../pipeline/normalize/to-simplified.ts";
import { defaultDirs } from "../../pipeline/lib/paths.ts";
import type { IngestRecord } from "../../schemas/normalized-article.ts";

const record = (source_file: string): IngestRecord => ({
  article_id: "0000000000000000",
  source_file,
  bytes: 0,
  sha256: "0".repeat(64),
  encoding: "utf-8",
  encoding_confidence: 1,
});
const normalize = (text: string, name = "t.txt") => normalizeArticle(record(name), text);

const rawFiles = devFiles;
const docs = new Map<string, NormalizedArticle>();
for (const name of rawFiles) docs.set(name.slice(0, 3), normalize(await readFile(join(defaultDirs.raw, name), "utf8"), name));
const doc = (prefix: string) => docs.get(prefix)!;
const all = [...docs.values()];

const TONED = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/;
const inside = (d: NormalizedArticle, at: number) => d.unreliable.some((u) => u.start <= at && at < u.end);
const blockText = (d: NormalizedArticle, kind: string) => d.blocks.filter((b) => b.kind === kind).map((b) => d.text.slice(b.start, b.end));

describe("pinyin annotations", () => {
  it.each(all.map((d) => [d.source_file, d] as const))("%s: no tone-marked gloss left outside unreliable spans", (_, d) => {
    for (const m of d.text.matchAll(/\([^()]*\)/g)) if (TONED.test(m[0])) expect(inside(d, m.index), m[0]).toBe(true);
  });

  it("removes the glosses of 001 and keeps real parentheses of the others", () => {
    expect(doc("001").quality.pinyin_removed).toBeGreaterThan(200);
    expect(doc("001").text).toContain("实施“深学争优、敢为争先、实干争效”行动，进一步调动");
    for (const kept of ["(扩大)", "(街道)", "(南区)"]) expect(doc("002").text).toContain(kept);
    expect(doc("000").text).toContain("(惠城先行段)");
    expect(doc("003").text).toContain("(一个社区)");
  });

  it("strips glosses in sentences of the same style, and nothing else", () => {
    const d = normalize("二是推動(dòng)產(chǎn)業(yè)發(fā)展，提升研發(fā)(R&D)投入，建設(shè)App(應用)與(國家級)平台(含鎮(zhèn)(街道))。");
    expect(d.text).toBe("二是推动产业发展，提升研发(R&D)投入，建设App(应用)与(国家级)平台(含镇(街道))。");
    expect(d.quality.pinyin_removed).toBe(7);
  });
});

describe("mojibake", () => {
  it("finds the span in 001, re-decodes what reads better and marks the rest unreliable", () => {
    const d = doc("001");
    expect(d.quality).toMatchObject({ mojibake_found: 1, mojibake_repaired: 1, mojibake_left: 1 });
    const [span] = d.quality.mojibake;
    expect(span!.action).toBe("partly-repaired");
    expect(d.raw_text.slice(span!.raw_start, span!.raw_end)).toBe(span!.found);
    expect(span!.found).toContain("髁姡σ愿巴苿尤菪乱惠喐哔");
    expect(span!.repairs.map((r) => r.repaired).join("")).toMatch(/以赴推動.*一輪高質/);
    expect(d.text).toContain("以赴推动");
    expect(d.text).toContain("一轮高质量发展");
    expect(d.unreliable.length).toBeGreaterThan(0);
    for (const u of d.unreliable) expect(d.text.slice(u.start, u.end)).toMatch(/髁|姡|\?/);
    // The rest of 001 and the other articles, rare names (仲恺, 黄赟) included, hold no mojibake.
    for (const other of all.filter((x) => x !== d)) expect(other.quality.mojibake_found).toBe(0);
  });

  it("repairs GBK bytes of any sentence read one byte off", () => {
    const sentences = ["全面推进乡村振兴战略，加快建设现代化产业体系", "今年要新增各类优质学位一万个"];
    for (const sentence of sentences) {
      const bytes = encodeLegacy(sentence, "gb18030")!;
      // A reader that lost the first byte pairs every trail byte with the next lead byte.
      const garbled = new TextDecoder("gb18030").decode(bytes.subarray(1));
      const text = `开局之年加油干。${garbled}。`;
      expect(findMojibake(text).length).toBeGreaterThan(0);
      const repaired = repairMojibake(identity(text)).text.text;
      // All but the characters at the broken edges come back.
      expect(repaired).toContain(sentence.slice(2, -2));
    }
  });

  it("leaves ordinary prose alone", () => {
    expect(findMojibake(doc("002").text)).toEqual([]);
    expect(findMojibake("中共惠州仲恺高新区委书记吴献民，特约记者黄赟，潼湖生态智慧区。")).toEqual([]);
  });
});

describe("script, width and whitespace", () => {
  it("records the original script and keeps the original-script text", () => {
    expect(all.map((d) => d.original_script)).toEqual(["traditional", "traditional", "simplified", "simplified", "simplified"]);
    expect(doc("000").original_text).toContain("惠城區委書記劉光濱");
    expect(doc("000").text).toContain("惠城区委书记刘光滨");
    expect(doc("002").original_text).toBe(doc("002").text);
  });

  it("turns full-width letters and digits to ASCII, ASCII punctuation between Han to full width, and drops indentation", () => {
    const d = normalize("标题\n\n      投入２．２亿元,建成ＡＢＣ园区;目标是什么?\n");
    expect(d.text).toBe("标题\n\n投入2.2亿元，建成ABC园区；目标是什么？");
  });
});

describe("boilerplate and metadata", () => {
  const chrome = /分享到|评论|本网站所登载|本网原创|版权事宜|新闻推荐|@|0595-|摄$/m;
  it.each(all.map((d) => [d.source_file, d] as const))("%s: no page chrome left", (_, d) => {
    expect(d.text).not.toMatch(chrome);
  });

  it("moves bylines, sources, editors and photo credits to metadata", () => {
    expect(doc("000").metadata).toMatchObject({ editor: "任己章", reporters: ["谢菁菁"] });
    expect(doc("000").text).toMatch(/美好幸福。$/m);
    expect(doc("003").metadata).toMatchObject({ source: "岳楼网宣", author: "中共岳阳楼区委书记 陈阁辉", editor: "付开" });
    expect(doc("002").metadata).toMatchObject({
      reporters: ["魏怡兰", "李松权", "林丽娟"],
      correspondents: ["白瑞强"],
      photographers: ["李松权", "刘柏奎", "杨子琴"],
    });
    expect(doc("004").metadata).toMatchObject({ photographers: ["冯晓铭"], compilers: ["何海华", "黄赟"] });
    for (const d of all) {
      for (const c of d.metadata.credits) expect(simplify(d.raw_text.slice(c.raw_start, c.raw_end))).toContain(c.name.split(" ").at(-1));
    }
  });

  it("counts what it removed, each entry pointing at its raw characters", () => {
    expect(all.map((d) => d.quality.boilerplate_lines_removed)).toEqual([6, 3, 8, 3, 2]);
    for (const d of all) for (const r of d.quality.boilerplate) expect(d.raw_text.slice(r.raw_start, r.raw_end).trim().length).toBeGreaterThan(0);
  });

  it("keeps a line that only mentions a reporter or a phone number in a sentence", () => {
    const d = normalize("标题\n记者：今年的重点是什么？\n开通12345热线，方便群众办事。\n编辑：张三");
    expect(d.text).toBe("标题\n记者：今年的重点是什么？\n开通12345热线，方便群众办事。");
    expect(d.metadata.editor).toBe("张三");
  });
});

describe("structure", () => {
  it("finds titles, headings and section context", () => {
    expect(doc("000").title).toBe("惠城区委书记刘光滨解读如何突破进阶、打造铁军");
    expect(blockText(doc("000"), "heading")).toContain("■抓重点");
    expect(blockText(doc("002"), "heading")).toEqual(expect.arrayContaining(["2018年成绩", "展望2019年", "◎产业发展"]));
    // 001 opens with a section label and 003 with body text: neither has a headline.
    expect(doc("001").title).toBe("");
    expect(blockText(doc("001"), "heading")[0]).toBe("开栏语");
    expect(doc("003").title).toBe("");
  });

  it("makes the numbered lead sentence of a 003 paragraph its heading", () => {
    const headings = blockText(doc("003"), "heading");
    expect(headings).toEqual([
      "一、把棚改机遇转换为经济发展的新动力。",
      "二、把城市治理转换为经济发展的软实力。",
      "三、把底线管理转换为经济发展的支撑力。",
      "四、把党建成果转换为经济发展的竞争力。",
      "五、把区位优势转换为经济发展的助推力。",
    ]);
  });

  it("splits sentences on 。！？； but not inside a quotation", () => {
    const text = "他说：“今年要干。明年要干好！”大家鼓掌。真的吗？是的；好";
    expect(splitSentences(text, 0, text.length).map((s) => text.slice(s.start, s.end))).toEqual([
      "他说：“今年要干。明年要干好！”大家鼓掌。",
      "真的吗？",
      "是的；",
      "好",
    ]);
  });

  it.each(all.map((d) => [d.source_file, d] as const))("%s: blocks and sentences tile the text without overlap", (_, d) => {
    let previous = 0;
    for (const s of d.sentences) {
      expect(s.start).toBeGreaterThanOrEqual(previous);
      expect(s.end).toBeLessThanOrEqual(d.text.length);
      previous = s.end;
    }
    const covered = d.sentences.map((s) => d.text.slice(s.start, s.end)).join("");
    expect(covered.replace(/\s/g, "")).toBe(d.text.replace(/\s/g, ""));
  });
});

describe("offset map", () => {
  const han = (s: string) => [...s].filter((c) => /\p{Script=Han}/u.test(c)).join("");
  const isSubsequence = (needle: string, hay: string) => {
    let k = 0;
    for (const c of hay) if (c === needle[k]) k++;
    return k === needle.length;
  };
  it.each(all.map((d) => [d.source_file, d] as const))("%s: random spans map back to the same raw characters", (_, d) => {
    const map = fromSegments(d.text, d.offset_map);
    const repaired = d.quality.mojibake.flatMap((m) => m.repairs);
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let k = 0; k < 300; k++) {
      const from = random(d.text.length);
      const to = Math.min(d.text.length, from + 1 + random(40));
      const raw = rawSpan(map, from, to);
      if (repaired.some((r) => r.raw_start < raw.end && raw.start < r.raw_end)) continue;
      const rawText = d.raw_text.slice(raw.start, raw.end);
      expect(isSubsequence(han(d.text.slice(from, to)), han(simplify(rawText))), `${from}-${to}`).toBe(true);
    }
  });
});
