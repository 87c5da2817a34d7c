import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { devFiles } from "../helpers.ts";
import { simplify } from "../../pipeline/normalize/to-simplified.ts";
import { defaultDirs } from "../../pipeline/lib/paths.ts";
import { segment, tag } from "../../pipeline/text/segment.ts";
import { codebook } from "../../schemas/theme-codebook.ts";
import neutralPhrases from "../../pipeline/text/neutral-phrases.json" with { type: "json" };
import previousWins from "../fixtures/added-word-wins.json" with { type: "json" };

const rawFiles = devFiles;
/** The real articles as decoded, in Simplified script (one is Traditional), page chrome and all. */
const texts = await Promise.all(rawFiles.map(async (name) => simplify(await readFile(join(defaultDirs.raw, name), "utf8"))));

describe("segment", () => {
  it("keeps every codebook term and neutral phrase whole", () => {
    const words = [...codebook.flatMap((e) => e.terms), ...neutralPhrases];
    const split = words.filter((w) => segment(w).map((t) => t.word).join(" ") !== w);
    expect(split).toEqual([]);
  });

  it.each(["城市更新", "乡村振兴", "营商环境", "放管服", "粤港澳大湾区", "断头路", "棚改", "扫黑除恶", "融深", "融湾", "高新技术企业"])(
    "keeps %s whole wherever it occurs in the real articles",
    (term) => {
      let occurrences = 0;
      for (const text of texts) {
        const tokens = segment(text);
        for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) {
          occurrences++;
          expect(tokens.find((t) => t.start === at)?.word, `${term} at ${at}: ${text.slice(at - 5, at + term.length + 5)}`).toBe(term);
        }
      }
      expect(occurrences).toBeGreaterThan(0);
    },
  );

  it("keeps the added words whole in the real sentences where the previous segmenter (nodejieba) kept them", () => {
    const added = new Set([...codebook.flatMap((e) => e.terms), ...neutralPhrases]);
    const lost: string[] = [];
    let wins = 0;
    for (const { sentence, wins: expected } of previousWins.sentences) {
      const tokens = segment(sentence);
      for (const [at, word] of expected as Array<[number, string]>) {
        wins++;
        // A longer added word over it (党员干部 over 干部) still keeps the term out of its neighbours.
        const token = tokens.find((t) => t.start <= at && at + word.length <= t.end);
        if (token?.word !== word && !(token && added.has(token.word))) lost.push(`${word} in ${sentence.slice(Math.max(0, at - 6), at + word.length + 6)} → ${token?.word}`);
      }
    }
    expect(wins).toBe(806);
    expect(lost).toEqual([]);
  });

  it("cuts text holding lone surrogate halves, which the binding reads as U+FFFD, with the text's own characters", () => {
    const text = "建设\ud840学校\udc00公园";
    const tokens = segment(text);
    expect(tokens.map((t) => t.word).join("")).toBe(text);
    expect(tag(text).map((t) => t.word).join("")).toBe(text);
  });

  it("does not glue a dictionary word out of the end of one word and the start of the next", () => {
    // 民生 is a codebook term, but here 民 belongs to 国民 and 生 to 生产总值.
    expect(segment("国民生产总值").map((t) => t.word)).not.toContain("民生");
  });

  it("returns tokens that tile the text, with UTF-16 offsets, also around astral characters", () => {
    for (const text of [...texts, "𠮷野家推进城市更新，建设5G基站。"]) {
      const tokens = segment(text);
      expect(tokens.map((t) => t.word).join("")).toBe(text);
      tokens.forEach((t, i) => {
        expect(text.slice(t.start, t.end)).toBe(t.word);
        expect(t.start).toBe(i === 0 ? 0 : tokens[i - 1]!.end);
      });
    }
  });

  it("tags the same tokens it cuts; added terms are nz, dictionary words keep their own tag", () => {
    const text = texts[4]!;
    expect(tag(text).map(({ word, start, end }) => ({ word, start, end }))).toEqual(segment(text));
    const tags = new Map(tag("深化放管服改革，发展教育事业").map((t) => [t.word, t.tag]));
    expect(tags.get("放管服")).toBe("nz");
    expect(tags.get("教育")).not.toBe("nz");
    expect(tags.get("改革")).not.toBe("nz");
  });
});
