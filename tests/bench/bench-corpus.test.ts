import { describe, expect, it } from "vitest";
import { encodeLegacy } from "../../pipeline/text/legacy-encoding.ts";
import { generateCorpus, type CorpusFile } from "../../pipeline/bench/generate-corpus.ts";
import { classifyFile } from "../../pipeline/ingest/classify-file.ts";

const N = 60;
const corpus = (seed: number, articles = N) => [...generateCorpus({ articles, seed })];
const files = corpus(11);
const articles = files.filter((f) => f.meta.kind === "article");
const count = (pick: (f: CorpusFile) => boolean) => articles.filter(pick).length;
const PINYIN_GLOSS = /[\u3400-\u9fff]\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)/;

describe("generateCorpus", () => {
  it("is deterministic: the same seed gives byte-identical files, another seed different ones", () => {
    const again = corpus(11);
    expect(again.map((f) => f.name)).toEqual(files.map((f) => f.name));
    again.forEach((f, i) => expect(Buffer.compare(f.bytes, files[i]!.bytes)).toBe(0));
    const other = corpus(12);
    expect(other.map((f) => f.name)).not.toEqual(files.map((f) => f.name));
    expect(other.filter((f, i) => files[i] && Buffer.compare(f.bytes, files[i].bytes) === 0).length).toBeLessThanOrEqual(1); // the empty file
  });

  it("produces the requested mix of scripts, encodings, pinyin and page chrome", () => {
    expect(articles).toHaveLength(N);
    expect(count((f) => f.meta.script === "traditional")).toBe(24);
    expect(count((f) => f.meta.encoding === "big5")).toBe(6);
    expect(count((f) => f.meta.encoding === "gb18030")).toBe(6);
    expect(count((f) => f.meta.pinyin)).toBe(9);
    expect(count((f) => f.meta.boilerplate)).toBe(18);
    expect(articles.filter((f) => f.meta.encoding === "big5").every((f) => f.meta.script === "traditional" && !f.meta.pinyin)).toBe(true);
    expect(new Set(articles.map((f) => f.meta.district_code)).size).toBeGreaterThan(N / 2);
  });

  it("adds a few bad files: empty, binary and a duplicate", () => {
    const bad = files.filter((f) => f.meta.kind !== "article");
    expect(bad.map((f) => f.meta.kind).sort()).toEqual(["binary", "duplicate", "empty"]);
    expect(files.map((f) => f.name)).toEqual(files.map((f) => f.name).sort());
  });

  it("writes articles of realistic size, with glosses only where asked", () => {
    for (const f of articles.filter((a) => a.meta.encoding === "utf-8")) {
      expect(f.bytes.length).toBeGreaterThanOrEqual(5_000);
      expect(f.bytes.length).toBeLessThanOrEqual(15_000);
    }
    for (const f of articles) expect(PINYIN_GLOSS.test(f.text!)).toBe(f.meta.pinyin);
  });

  it("encodes every article so that it decodes back to the intended text", () => {
    for (const f of files.filter((x) => x.text !== null)) {
      expect(new TextDecoder(f.meta.encoding!, { fatal: true }).decode(f.bytes)).toBe(f.text);
    }
    const big5 = articles.filter((f) => f.meta.encoding === "big5").map((f) => f.text!).join("");
    expect(big5.split("?").length / big5.length).toBeLessThan(0.01);
  });

  it("reads as intended through the ingest stage: articles accepted with their encoding, bad files rejected", () => {
    const ids = new Map<string, string>();
    for (const f of files) {
      const result = classifyFile(f.name, f.bytes);
      if (f.meta.kind === "empty" || f.meta.kind === "binary") {
        expect(result.status).toBe("rejected");
        continue;
      }
      if (result.status !== "accepted") throw new Error(`${f.name} rejected: ${result.reason}`);
      expect(result.encoding).toBe(f.meta.encoding);
      if (f.meta.kind === "duplicate") expect(ids.has(result.article_id)).toBe(true);
      else ids.set(result.article_id, f.name);
    }
  });
});

describe("encodeLegacy", () => {
  const text = "鲤城区实施“强产业、兴城市”，2023年增长8.5%。實(shí)施 € 𠀀 ①";

  it("round-trips GB18030, including four-byte and supplementary characters", () => {
    expect(new TextDecoder("gb18030", { fatal: true }).decode(encodeLegacy(text, "gb18030")!)).toBe(text);
  });

  it("round-trips Big5 Traditional text and refuses characters Big5 lacks unless told to replace them", () => {
    const traditional = "鯉城區實施「強產業、興城市」，2023年增長8.5%。";
    expect(new TextDecoder("big5", { fatal: true }).decode(encodeLegacy(traditional, "big5")!)).toBe(traditional);
    expect(encodeLegacy("实施", "big5")).toBeNull();
    expect(new TextDecoder("big5").decode(encodeLegacy("实施", "big5", { replacement: "?" })!)).toBe("?施");
  });
});
