import * as OpenCC from "opencc-js";
import { applyEdits, type Edit, type MappedText } from "./mapped-text.ts";

/**
 * OpenCC's standard Traditional (`t`) to mainland Simplified (`cn`). These texts are mainland government
 * news republished in Traditional script by a character converter, so they use OpenCC-standard forms,
 * not Taiwan (`tw`) or Hong Kong (`hk`) variants or vocabulary; the `tw`/`twp` profiles would also
 * rewrite Taiwan phrasing that never appears here. Phrase-level conversion still fixes one-to-many
 * characters (乾隆 stays, 乾淨 → 干净).
 */
const t2s = OpenCC.Converter({ from: "t", to: "cn" });

/** Plain-string form of the same conversion, for matching patterns written in Simplified. */
export const simplify = (text: string): string => t2s(text);
const s2t = OpenCC.Converter({ from: "cn", to: "t" });

export type Script = "traditional" | "simplified" | "mixed";

/** Counts characters that the conversion in each direction would change. */
export function detectScript(text: string): Script {
  const simplified = t2s(text);
  const traditional = s2t(text);
  let tradOnly = 0;
  let simpOnly = 0;
  for (let i = 0; i < text.length; i++) {
    if (simplified[i] !== text[i]) tradOnly++;
    if (traditional[i] !== text[i]) simpOnly++;
  }
  if (tradOnly === 0 && simpOnly === 0) return "simplified";
  const share = tradOnly / (tradOnly + simpOnly);
  return share >= 0.8 ? "traditional" : share <= 0.2 ? "simplified" : "mixed";
}

/** Converts line by line; where a phrase changes length, that stretch maps to its whole source span. */
export function toSimplified(input: MappedText): MappedText {
  const edits: Edit[] = [];
  let offset = 0;
  for (const line of input.text.split("\n")) {
    const converted = t2s(line);
    if (converted.length === line.length) {
      for (let i = 0; i < line.length; i++) {
        if (converted[i] !== line[i]) edits.push({ start: offset + i, end: offset + i + 1, insert: converted[i]! });
      }
    } else if (converted !== line) {
      edits.push({ start: offset, end: offset + line.length, insert: converted });
    }
    offset += line.length + 1;
  }
  return applyEdits(input, edits);
}
