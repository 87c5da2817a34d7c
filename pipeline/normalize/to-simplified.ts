import * as OpenCC from "opencc-js";
import { scopedMemo } from "../lib/scoped-memo.ts";
import { applyEdits, type Edit, type MappedText } from "../text/mapped-text.ts";

/**
 * OpenCC's standard Traditional (`t`) to mainland Simplified (`cn`). These texts are mainland government
 * news republished in Traditional script by a character converter, so they use OpenCC-standard forms,
 * not Taiwan (`tw`) or Hong Kong (`hk`) variants or vocabulary; the `tw`/`twp` profiles would also
 * rewrite Taiwan phrasing that never appears here. Phrase-level conversion still fixes one-to-many
 * characters (乾隆 stays, 乾淨 → 干净).
 */
const t2s = OpenCC.Converter({ from: "t", to: "cn" });
const s2t = OpenCC.Converter({ from: "cn", to: "t" });

// Boilerplate matching, the conversion itself and script detection each convert the same lines of an article,
// and converting is the costly part of normalizing.
const conversions = scopedMemo<string>((text) => t2s(text));

/** Runs `work` with conversions remembered until it returns (one article's normalization). */
export const withConversionMemo = conversions.within;

/** Traditional to Simplified on a plain string (the conversion `toSimplified` applies), for matching patterns written in Simplified. */
export const simplify = (text: string): string => conversions.get(text);

/** An ideographic description operator (⿰…): OpenCC reads its operands past a line break. */
const IDS_OPERATOR = /[\u2ff0-\u2fff]/;

/** The conversion of a whole text, put together from its lines': no dictionary entry holds a line break. */
function simplifyText(text: string): string {
  return IDS_OPERATOR.test(text) ? t2s(text) : text.split("\n").map(simplify).join("\n");
}

/** Positions (in text) where the other string has a different code unit. */
function countChanged(text: string, other: string): number {
  let changed = 0;
  for (let i = 0; i < text.length; i++) if (other.charCodeAt(i) !== text.charCodeAt(i)) changed++;
  return changed;
}

import type { Script } from "../../schemas/normalized-article.ts";

/** Counts characters that the conversion in each direction would change. */
export function detectScript(text: string): Script {
  const tradOnly = countChanged(text, simplifyText(text));
  // Nothing Traditional-only makes the share 0 whatever the other count, so the reverse conversion can be skipped.
  if (tradOnly === 0) return "simplified";
  const simpOnly = countChanged(text, s2t(text));
  const share = tradOnly / (tradOnly + simpOnly);
  return share >= 0.8 ? "traditional" : share <= 0.2 ? "simplified" : "mixed";
}

/** Converts line by line; where a phrase changes length, that stretch maps to its whole source span. */
export function toSimplified(input: MappedText): MappedText {
  const lines: string[] = [];
  const edits: Edit[] = [];
  let offset = 0;
  for (const line of input.text.split("\n")) {
    const converted = simplify(line);
    // A same-length conversion keeps every character's raw span, so it needs no edit, only the new text.
    if (converted.length === line.length) lines.push(converted);
    else {
      lines.push(line);
      edits.push({ start: offset, end: offset + line.length, insert: converted });
    }
    offset += line.length + 1;
  }
  const text = lines.join("\n");
  return applyEdits(text === input.text ? input : { text, start: input.start, end: input.end }, edits);
}
