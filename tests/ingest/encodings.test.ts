import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { devFiles } from "../helpers.ts";
import { classifyFile } from "../../pipeline/ingest/classify-file.ts";
import { encodeLegacy } from "../../pipeline/text/legacy-encoding.ts";
import { identity } from "../../pipeline/text/mapped-text.ts";
import { normalizeArticle } from "../../pipeline/normalize/normalize-article.ts";
import { defaultDirs } from "../../pipeline/lib/paths.ts";
import { stripPinyin } from "../../pipeline/normalize/strip-pinyin.ts";
import type { IngestRecord } from "../../schemas/normalized-article.ts";

const rawFiles = devFiles;
const articles = await Promise.all(rawFiles.map(async (name) => ({ name, text: await readFile(join(defaultDirs.raw, name), "utf8") })));

function utf16(text: string, endian: "le" | "be"): Uint8Array {
  const le = Buffer.from("\ufeff" + text, "utf16le");
  return endian === "le" ? le : Uint8Array.from(le, (_, i) => le[i ^ 1]!);
}

/**
 * What of an article a Big5 page can carry: Big5 has no tone-marked pinyin letters, so the glosses go (a
 * Big5 site could not have shown them), and lines with characters outside Big5 (坂, the mojibake) are dropped.
 */
function big5Part(text: string): string {
  return stripPinyin(identity(text))
    .text.text.split("\n")
    .filter((line) => encodeLegacy(line, "big5") !== null)
    .join("\n");
}

function normalizedText(name: string, bytes: Uint8Array) {
  const file = classifyFile(name, bytes);
  if (file.status !== "accepted") throw new Error(`${name}: ${file.reason}`);
  const { status: _s, text, ...record } = file;
  return { file, text: normalizeArticle(record as IngestRecord, text).text };
}

describe("the same article in every encoding a Chinese web copy arrives in", () => {
  it.each(articles)("$name: UTF-8, UTF-8+BOM, UTF-16LE/BE, GB18030 decode to one text and one normalized text", ({ name, text }) => {
    const gb = encodeLegacy(text, "gb18030");
    expect(gb, "every character of the real articles has a GBK code").not.toBeNull();
    const variants: Array<[string, Uint8Array]> = [
      ["utf-8", Buffer.from(text, "utf8")],
      ["utf-8-bom", Buffer.from("\ufeff" + text, "utf8")],
      ["utf-16le", utf16(text, "le")],
      ["utf-16be", utf16(text, "be")],
      ["gb18030", gb!],
    ];
    const reference = normalizedText(name, variants[0]![1]);
    for (const [encoding, bytes] of variants) {
      const { file, text: normalized } = normalizedText(name, bytes);
      expect(file.encoding).toBe(encoding);
      expect(file.article_id).toBe(reference.file.article_id);
      expect(normalized).toBe(reference.text);
    }
  });

  const traditional = articles.filter((a) => /[區發實]/.test(a.text));
  it("covers both Traditional articles for Big5", () => expect(traditional.map((a) => a.name)).toEqual(rawFiles.slice(0, 2)));

  it.each(traditional)("$name: the Big5-encodable part decodes from Big5 as from UTF-8", ({ name, text }) => {
    const part = big5Part(text);
    expect(part.split("\n").length).toBeGreaterThan(text.split("\n").length / 2);
    const { file, text: normalized } = normalizedText(name, encodeLegacy(part, "big5")!);
    expect(file.encoding).toBe("big5");
    expect(normalized).toBe(normalizedText(name, Buffer.from(part, "utf8")).text);
  });

  it("tells GB18030 from Big5 bytes of one Traditional text, which both decoders accept", () => {
    const text = big5Part(articles[0]!.text);
    const big5 = encodeLegacy(text, "big5")!;
    expect(new TextDecoder("gb18030", { fatal: true }).decode(big5)).not.toBe(text);
    expect(classifyFile("a.txt", big5)).toMatchObject({ status: "accepted", encoding: "big5" });
    const gb = classifyFile("b.txt", encodeLegacy(text, "gb18030")!);
    expect(gb).toMatchObject({ status: "accepted", encoding: "gb18030" });
    if (gb.status === "accepted") expect(gb.encoding_confidence).toBeGreaterThan(0.3);
  });

  it("rejects bytes that decode as nothing readable, naming the file", () => {
    const noise = Uint8Array.from({ length: 400 }, (_, i) => 0x80 + ((i * 37) % 0x7f));
    const result = classifyFile("noise.txt", noise);
    expect(result).toMatchObject({ status: "rejected", source_file: "noise.txt", reason: expect.stringMatching(/^does not read as Chinese text: best decode gb18030, confidence 0\.\d+ \(below 0\.3\)$/u) });
  });
});
