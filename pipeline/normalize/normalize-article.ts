import type { NormalizedArticle } from "../../schemas/normalized-article.ts";
import type { IngestRecord } from "../../schemas/normalized-article.ts";
import { identity, rawSpan, spanOfRaw, toSegments, type MappedText } from "../text/mapped-text.ts";
import { repairMojibake } from "./repair-mojibake.ts";
import { stripBoilerplate } from "./strip-boilerplate.ts";
import { stripPinyin } from "./strip-pinyin.ts";
import { segment } from "./structure.ts";
import { findHeadline, findParts } from "./outline.ts";
import { documentDate } from "./report-date.ts";
import { detectScript, simplify, toSimplified, withConversionMemo } from "./to-simplified.ts";
import { closeLetterSpacing, decodeMarkup, dropFootnoteMarkers, joinBrokenLines, joinPageJumps, removeInvisible } from "./repair-copy.ts";
import { collapseWhitespace, toAsciiAlnum, toFullWidthPunctuation } from "./width.ts";

type Step = NormalizedArticle["quality"]["steps"][number];

/**
 * Pure: decoded raw text in, normalized article out. Every step edits a MappedText, so each character of
 * the result still knows the raw characters it came from.
 */
export function normalizeArticle(record: IngestRecord, rawText: string): NormalizedArticle {
  return withConversionMemo(() => normalize(record, rawText));
}

function normalize(record: IngestRecord, rawText: string): NormalizedArticle {
  const steps: Step[] = [];
  const track = (step: Step["step"], before: MappedText, after: MappedText) => {
    steps.push({ step, chars_before: before.text.length, chars_after: after.text.length, changed: before.text !== after.text });
    return after;
  };
  const raw = identity(rawText);
  // Full-width letters become ASCII before mojibake is looked for, so a second run finds the same stretches.
  const alnum = track("normalize-width", raw, toAsciiAlnum(raw));
  const markup = track("decode-markup", alnum, decodeMarkup(alnum));
  const visible = track("remove-invisible", markup, removeInvisible(markup));
  const pinyin = stripPinyin(visible);
  track("strip-pinyin", visible, pinyin.text);
  const mojibake = repairMojibake(pinyin.text);
  track("repair-mojibake", pinyin.text, mojibake.text);
  // A repair can uncover a gloss that was glued to garbled characters (哔|(zhì) → 質(zhì)).
  const uncovered = stripPinyin(mojibake.text);
  track("strip-pinyin", mojibake.text, uncovered.text);
  // Lines and blanks settle first: punctuation is judged by its neighbours, boilerplate line by line.
  // Taking boilerplate out gives lines new ends and punctuation new neighbours, so both run once more.
  const lines = track("collapse-whitespace", uncovered.text, collapseWhitespace(uncovered.text));
  // Copies broken by page layouts, wikis and docx: lines are whole and blanks settled before each is judged.
  const jumps = track("join-page-jumps", lines, joinPageJumps(lines));
  const spaced = track("close-letter-spacing", jumps, closeLetterSpacing(jumps));
  const footnotes = track("drop-footnote-markers", spaced, dropFootnoteMarkers(spaced));
  const joined = track("join-broken-lines", footnotes, collapseWhitespace(joinBrokenLines(footnotes)));
  const width = track("normalize-width", joined, toFullWidthPunctuation(joined));
  const boilerplate = stripBoilerplate(width);
  track("strip-boilerplate", width, boilerplate.text);
  const tidied = track("collapse-whitespace", boilerplate.text, collapseWhitespace(boilerplate.text));
  const cleaned = track("normalize-width", tidied, toFullWidthPunctuation(tidied));
  const simplified = track("to-simplified", cleaned, toSimplified(cleaned));
  const text = simplified.text;
  const { title, blocks, sentences } = segment(text);
  // Page lines normalize took out of the text (发布时间：…) still date it.
  const date = documentDate(text, blocks, boilerplate.removed.map((r) => simplify(r.text)));
  const parts = findParts(text, blocks, date.report_year);
  const unreliable = mojibake.left.flatMap((span) => {
    const raw = rawSpan(mojibake.text, span.start, span.end);
    return spanOfRaw(simplified, raw.start, raw.end) ?? [];
  });
  const spans = mojibake.spans;
  return {
    ...record,
    original_script: detectScript(cleaned.text),
    raw_text: rawText,
    original_text: cleaned.text,
    text,
    title,
    blocks,
    sentences,
    parts,
    headline: findHeadline(text, blocks, parts),
    date,
    unreliable,
    offset_map: toSegments(simplified),
    metadata: boilerplate.metadata,
    quality: {
      pinyin_removed: pinyin.removed + uncovered.removed,
      mojibake_found: spans.length,
      mojibake_repaired: spans.filter((s) => s.action !== "left").length,
      mojibake_left: spans.filter((s) => s.action !== "repaired").length,
      mojibake: spans,
      boilerplate_lines_removed: boilerplate.removed.length,
      boilerplate: boilerplate.removed,
      steps,
    },
  };
}
