import { readFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anyText, devFiles, growth, LINEAR_GROWTH, repeatsFor, runawayPieces, runawaySentence } from "../helpers.ts";
import { normalizeArticle } from "../../pipeline/normalize/normalize-article.ts";
import { defaultDirs } from "../../pipeline/lib/paths.ts";
import type { IngestRecord } from "../../schemas/normalized-article.ts";

const record: IngestRecord = { article_id: "0000000000000000", source_file: "p.txt", bytes: 0, sha256: "0".repeat(64), encoding: "utf-8", encoding_confidence: 1 };
const normalize = (text: string) => normalizeArticle(record, text);

// Pieces of the real articles (headings, glosses, bylines, chrome, mojibake) shuffled with noise, so the
// generated strings exercise every step rather than only ASCII.
const names = devFiles;
const pieces = (await Promise.all(names.map((n) => readFile(join(defaultDirs.raw, n), "utf8"))))
  .flatMap((t) => t.split(/(?<=[\n。，,])/))
  .filter((p) => p.length > 0);
const piece = fc.constantFrom(...pieces);
const noise = fc.string({ unit: fc.constantFrom("\n", " ", "\u3000", "\r", "?", "|", "(", ")", "á", "ǎ", "σ", "髁", "姡", "\ufffd", "１", "Ａ", ",", ":", "。", "摄", "记者", "编辑:", "分享到", "新闻推荐", "一、", "◎", "“", "”") });
const article = fc.array(fc.oneof(piece, noise, fc.string(), anyText()), { maxLength: 12 }).map((parts) => parts.join(""));
const runs = { numRuns: 300 };

describe("normalization properties", () => {
  it("never throws, on any string", () => {
    fc.assert(fc.property(fc.oneof(article, anyText()), (text) => void normalize(text)), runs);
  });

  it("is idempotent on its own output", () => {
    fc.assert(
      fc.property(article, (text) => {
        const once = normalize(text).text;
        expect(normalize(once).text).toBe(once);
      }),
      runs,
    );
  });

  it("reports only offsets inside the texts they index", () => {
    fc.assert(
      fc.property(article, (text) => {
        const d = normalize(text);
        const n = d.text.length;
        for (const s of [...d.blocks, ...d.sentences, ...d.unreliable]) {
          expect(0 <= s.start && s.start <= s.end && s.end <= n).toBe(true);
        }
        for (const [at, len, rawStart, rawEnd] of d.offset_map) {
          expect(at >= 0 && at + len <= n && 0 <= rawStart && rawStart <= rawEnd && rawEnd <= d.raw_text.length).toBe(true);
        }
        for (const r of [...d.quality.boilerplate, ...d.quality.mojibake, ...d.metadata.credits]) {
          expect(0 <= r.raw_start && r.raw_start <= r.raw_end && r.raw_end <= d.raw_text.length).toBe(true);
        }
      }),
      runs,
    );
  });

  // The tester's line of 100,000 spaces took 43 s here: a trim anchored at the line end was tried from every blank.
  it("takes time linear in the text, whatever a line repeats", () => {
    const unit = fc.array(fc.constantFrom(...runawayPieces), { minLength: 1, maxLength: 3 }).map((p) => p.join(""));
    const linear = fc.property(unit, (u) => {
      expect(growth((n) => runawaySentence(u, n), normalize, { n: repeatsFor(u) })).toBeLessThan(LINEAR_GROWTH);
    });
    fc.assert(linear, { numRuns: 5, examples: [[" "]] });
  });
});
