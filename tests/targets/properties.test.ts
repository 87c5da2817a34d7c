import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeArticle } from "../../pipeline/normalize/normalize-article.ts";
import { extractArticle } from "../../pipeline/stages/extract-article.ts";
import { findQuantities } from "../../pipeline/targets/find-quantities.ts";
import type { IngestRecord } from "../../schemas/normalized-article.ts";
import { anyText, growth, LINEAR_GROWTH, repeatsFor, runawayPieces, runawaySentence } from "../helpers.ts";

const record: IngestRecord = { article_id: "0000000000000000", source_file: "p.txt", bytes: 0, sha256: "0".repeat(64), encoding: "utf-8", encoding_confidence: 1 };
/** Normalized as the stage does, without ingest's verdict: extraction must cope with whatever normalize keeps. */
const articleOf = (text: string) => normalizeArticle(record, text);

/** A piece, or a few pieces joined: the unit a generated sentence repeats. */
const unit = fc.oneof(fc.constantFrom(...runawayPieces), fc.array(fc.constantFrom(...runawayPieces), { minLength: 2, maxLength: 4 }).map((p) => p.join("")));
const text = fc.array(fc.oneof(unit, fc.string(), anyText()), { maxLength: 10 }).map((parts) => parts.join(""));

describe("extraction properties", () => {
  it("never throws, on any article", () => {
    fc.assert(fc.property(text, (t) => void extractArticle(articleOf(`北海市政府工作报告\n${t}`))), { numRuns: 60 });
  });

  it("finds quantities in time linear in the text", () => {
    const linear = fc.property(unit, (u) => {
      expect(growth((n) => u.repeat(n), findQuantities, { n: repeatsFor(u) })).toBeLessThan(LINEAR_GROWTH);
    });
    fc.assert(linear, { numRuns: 5, examples: [["1%"]] });
  });

  // The tester's sentence of 50,000 × 1% took 128 s here: the quote scan restarted at every quantity.
  it("extracts everything of an article in time linear in its longest sentence", () => {
    const linear = fc.property(unit, (u) => {
      expect(growth((n) => articleOf(runawaySentence(u, n)), extractArticle, { n: repeatsFor(u) })).toBeLessThan(LINEAR_GROWTH);
    });
    fc.assert(linear, { numRuns: 3, examples: [["1%"]] });
  });
});
