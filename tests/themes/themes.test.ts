import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { NormalizedArticle } from "../../schemas/normalized-article.ts";
import { ThemeCode } from "../../schemas/theme-codebook.ts";
import { ThemeRow } from "../../schemas/themes.ts";
import { DistrictThemeRow } from "../../schemas/district-themes.ts";
import { codePointIndex } from "../../pipeline/lib/code-points.ts";
import { simplify } from "../../pipeline/normalize/to-simplified.ts";
import { defaultDirs } from "../../pipeline/lib/paths.ts";
import { aggregateDistrictThemes } from "../../pipeline/themes/aggregate-district-themes.ts";
import { codebook } from "../../schemas/theme-codebook.ts";
import { matchTerms } from "../../pipeline/themes/match-terms.ts";
import { scoreThemes } from "../../pipeline/themes/score-themes.ts";
import { themeOfText } from "../../pipeline/themes/theme-of-text.ts";
import { articleView } from "../../pipeline/text/article-view.ts";
import { devFiles, normalizedDoc } from "../helpers.ts";

const docs = await Promise.all(devFiles.map(async (name) => normalizedDoc(name, await readFile(join(defaultDirs.raw, name)))));
/** Theme rows of an article, read through the view every extractor gets. */
const themesOf = (doc: NormalizedArticle, districtId: string | null) => scoreThemes(articleView(doc), districtId);
const docOf = (prefix: string) => docs.find((d) => d.source_file.startsWith(prefix))!;
const sentenceText = (doc: NormalizedArticle, id: string) => {
  const s = doc.sentences.find((x) => x.id === id)!;
  return doc.text.slice(s.start, s.end);
};
const weightOf = (rows: ThemeRow[], code: ThemeCode) => rows.find((r) => r.theme_code === code)?.weight ?? 0;

describe("codebook", () => {
  it("lists the sixteen codes once each, with labels, a definition and a rich Simplified lexicon", () => {
    expect(codebook.map((e) => e.theme_code).sort()).toEqual([...ThemeCode.options].sort());
    for (const entry of codebook) {
      expect(entry.label_zh && entry.label_en && entry.definition).toBeTruthy();
      expect(entry.terms.length, entry.theme_code).toBeGreaterThanOrEqual(25);
      expect(entry.terms.filter((t) => simplify(t) !== t), entry.theme_code).toEqual([]);
    }
  });
});

describe("matchTerms", () => {
  it("matches whole tokens only, unless the lexicon lists the longer word", () => {
    expect(matchTerms("国民生产总值增长6%")).toEqual([]);
    expect(matchTerms("在惠民生上实现突破").map((m) => [m.term, m.theme_code])).toEqual([["惠民生", "livelihood"]]);
  });

  it("lets the longest term win, so a phrase counts for the theme it means", () => {
    expect(matchTerms("营造风清气正的政治生态").map((m) => m.theme_code)).toEqual(["party_building"]);
    expect(matchTerms("推动房地产市场平稳健康发展").map((m) => m.theme_code)).toEqual(["services"]);
    expect(matchTerms("积极融入粤港澳大湾区").map((m) => m.term)).toEqual(["粤港澳大湾区"]);
  });

  it("matches a term across quotation marks, with offsets into the text", () => {
    const text = "推进全域全面“融深”“融湾”步伐";
    const [match, ...rest] = matchTerms(text);
    expect(rest).toEqual([]);
    expect(match).toMatchObject({ term: "融深融湾", theme_code: "reform_opening" });
    expect(text.slice(match!.start, match!.end)).toBe("融深”“融湾");
  });
});

describe("scoreThemes on the real articles", () => {
  it.each(docs.map((d) => [d.source_file, d] as const))("%s: ranked themes, each backed by evidence", (_, doc) => {
    const rows = themesOf(doc, "441302");
    expect(rows.length).toBeGreaterThan(5);
    rows.forEach((row, i) => {
      expect(ThemeRow.strict().parse(row)).toEqual(row);
      expect(row.rank).toBe(i + 1);
      if (i > 0) expect(row.weight).toBeLessThanOrEqual(rows[i - 1]!.weight);
      expect(row.term_count).toBeGreaterThanOrEqual(row.sentence_count);
      const ids = row.evidence_sentence_ids;
      expect(ids.length).toBe(Math.min(3, row.sentence_count));
      // Each evidence sentence carries the theme; its span is the sentence's, in code points, and its raw span
      // shows the same words in the source (after script conversion, without pinyin glosses such as 数(shù)).
      const rawSpans = row.evidence_raw_spans;
      row.evidence_spans.forEach((span, k) => {
        const sentence = doc.sentences.find((s) => s.id === ids[k])!;
        expect(span).toBe(`${codePointIndex(doc.text, sentence.start)}-${codePointIndex(doc.text, sentence.end)}`);
        const terms = matchTerms(sentenceText(doc, sentence.id)).filter((m) => m.theme_code === row.theme_code).map((m) => m.term);
        expect(terms.length).toBeGreaterThan(0);
        const [rawStart, rawEnd] = rawSpans[k]!.split("-").map(Number);
        const rawSentence = simplify([...doc.raw_text].slice(rawStart, rawEnd).join("")).replace(/[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]/g, "");
        expect(terms.some((term) => rawSentence.includes(term)), rawSentence).toBe(true);
      });
      const matched = new Set(doc.sentences.flatMap((s) => matchTerms(sentenceText(doc, s.id)).filter((m) => m.theme_code === row.theme_code).map((m) => m.term)));
      for (const term of row.top_terms) expect(matched).toContain(term);
    });
    expect(rows.reduce((sum, r) => sum + r.weight, 0)).toBeCloseTo(1, 4);
  });

  // What a reader of each article names as its main concerns; the rest of the top five is free.
  it.each([
    ["000", ["urban_renewal", "party_building", "industry"]], // 惠城: 实体经济、城市更新 … 党建引领, 打造铁军
    ["001", ["culture_tourism", "party_building", "industry"]], // 鲤城: 文旅大提升, 招商求突破, 党建引领
    ["002", ["reform_opening", "industry", "party_building", "business_env"]], // 仲恺: 改革创新, 重点项目, 党建, 营商环境
    ["003", ["urban_renewal", "governance_safety", "fiscal", "party_building"]], // 岳阳楼区: 棚改, 平安, 债务, 党建
    ["004", ["reform_opening", "rural", "party_building", "industry"]], // 源城: 融深融湾, 乡村振兴, 党建, 现代产业
  ] as const)("%s: the top five holds the article's main concerns", (prefix, expected) => {
    const top = themesOf(docOf(prefix), null).slice(0, 5).map((r) => r.theme_code);
    for (const code of expected) expect(top).toContain(code);
  });

  it("weighs a theme named in a heading above the same words in body text", () => {
    const [doc, heading] = docs.flatMap((d) =>
      d.blocks.filter((b) => b.kind === "heading" && matchTerms(d.text.slice(b.start, b.end)).length > 0).map((b) => [d, b] as const),
    )[0]!;
    const code = matchTerms(doc.text.slice(heading.start, heading.end))[0]!.theme_code;
    const asBody = { ...doc, blocks: doc.blocks.map((b) => (b.id === heading.id ? { ...b, kind: "paragraph" as const } : b)) };
    const withHeading = themesOf(doc, null);
    const withoutHeading = themesOf(asBody, null);
    expect(weightOf(withHeading, code)).toBeGreaterThan(weightOf(withoutHeading, code));
    expect(withHeading.find((r) => r.theme_code === code)!.term_count).toBe(withoutHeading.find((r) => r.theme_code === code)!.term_count);
  });

  it("gives weights and shares that do not grow with length", () => {
    const doc = docOf("004");
    const twice = { ...doc, sentences: [...doc.sentences, ...doc.sentences.map((s) => ({ ...s, id: `${s.id}x` }))] };
    const once = themesOf(doc, null);
    const doubled = themesOf(twice, null);
    expect(doubled.map((r) => [r.theme_code, r.weight, r.sentence_share])).toEqual(once.map((r) => [r.theme_code, r.weight, r.sentence_share]));
    expect(doubled.map((r) => r.term_count)).toEqual(once.map((r) => 2 * r.term_count));
  });

  it("skips sentences in unreliable spans", () => {
    const doc = docOf("003");
    const [top] = themesOf(doc, null);
    const strongest = doc.sentences.find((s) => s.id === top!.evidence_sentence_ids[0])!;
    const rows = themesOf({ ...doc, unreliable: [{ start: strongest.start + 1, end: strongest.start + 2 }] }, null);
    expect(rows.flatMap((r) => r.evidence_sentence_ids)).not.toContain(strongest.id);
    expect(themesOf({ ...doc, unreliable: [{ start: 0, end: doc.text.length }] }, null)).toEqual([]);
  });

  it("yields no rows and no error for an article without theme terms", () => {
    const doc = normalizedDoc("weather.txt", new TextEncoder().encode("今天的天气\n他说今天天气很好，大家都很高兴。明天还要下雨吗？\n"));
    expect(doc.sentences.length).toBeGreaterThan(1);
    expect(themesOf(doc, "441302")).toEqual([]);
  });

  it("scores an article the same whatever the order of the corpus", () => {
    const forward = docs.flatMap((d) => themesOf(d, null));
    const backward = [...docs].reverse().flatMap((d) => themesOf(d, null));
    const key = (r: ThemeRow) => `${r.article_id}/${r.theme_code}`;
    expect([...backward].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...forward].sort((a, b) => key(a).localeCompare(key(b))));
  });
});

describe("aggregateDistrictThemes", () => {
  const [a, b, c] = [docOf("002"), docOf("000"), docOf("004")];
  // Two real articles of one district, one of another; the district's third article has no theme terms.
  const rows = [...themesOf(a!, "441300"), ...themesOf(b!, "441300"), ...themesOf(c!, "441602")];
  const districts = [
    { district_id: "441602", article_count: 1 },
    { district_id: "441300", article_count: 3 },
  ];

  it("sums counts and averages weights over all of the district's articles", () => {
    const result = aggregateDistrictThemes(rows, districts);
    for (const row of result) expect(DistrictThemeRow.strict().parse(row)).toEqual(row);
    const huizhou = result.filter((r) => r.district_id === "441300");
    const industry = huizhou.find((r) => r.theme_code === "industry")!;
    const parts = rows.filter((r) => r.district_id === "441300" && r.theme_code === "industry");
    expect(industry.article_count).toBe(2);
    expect(industry.term_count).toBe(parts[0]!.term_count + parts[1]!.term_count);
    expect(industry.sentence_count).toBe(parts[0]!.sentence_count + parts[1]!.sentence_count);
    expect(industry.weight).toBeCloseTo((parts[0]!.weight + parts[1]!.weight) / 3, 5);
    expect(huizhou.reduce((sum, r) => sum + r.weight, 0)).toBeCloseTo(2 / 3, 4);
    expect(huizhou.map((r) => r.rank)).toEqual(huizhou.map((_, i) => i + 1));
    // One article: the district's themes are the article's.
    const heyuan = result.filter((r) => r.district_id === "441602");
    expect(heyuan.map((r) => [r.theme_code, r.weight])).toEqual(themesOf(c!, "441602").map((r) => [r.theme_code, r.weight]));
  });

  it("does not depend on the order of articles or districts", () => {
    const result = aggregateDistrictThemes(rows, districts);
    expect(aggregateDistrictThemes([...rows].reverse(), [...districts].reverse())).toEqual(result);
    expect(result.map((r) => r.district_id)).toEqual([...result.map((r) => r.district_id)].sort());
  });
});

describe("themeOfText", () => {
  it.each([
    ["规上工业增加值", "industry"],
    ["一般公共预算收入", "fiscal"],
    ["高新技术企业数量", "innovation"],
    ["新增优质学位", "education"],
    ["刑事发案率", "governance_safety"],
    ["惠民空间微改造", "urban_renewal"], // 惠民 and 微改造 tie: the head, last, wins
    ["地区生产总值", null],
  ] as const)("%s → %s", (text, code) => {
    expect(themeOfText(text)).toBe(code);
  });

  it("reads the sentence only when the metric names no theme", () => {
    const sentence = "全面落实就业保障政策，推进教育、医疗等民生实事";
    expect(themeOfText("新增学位", sentence)).toBe("education");
    expect(themeOfText("完成率", sentence)).toBe("livelihood");
  });
});
