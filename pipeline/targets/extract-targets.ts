import type { NormalizedArticle } from "../../schemas/normalized-article.ts";
import type { TargetRow } from "../../schemas/targets.ts";
import { codePointIndex } from "../lib/code-points.ts";
import { sha256Hex } from "../lib/hash.ts";
import type { ArticleContext } from "../districts/resolve-district.ts";
import { fromSegments, rawSpan } from "../normalize/mapped-text.ts";
import { themeOfText } from "../themes/theme-of-text.ts";

const QUANTITY = /(\d+(?:\.\d+)?)(万|亿)?(个|宗|条|所|家|件|亿元|万元|%|公里|亩)/g;
const UNITS: Record<string, TargetRow["unit"]> = { "%": "percent", 亿元: "CNY", 万元: "CNY", 公里: "km", 亩: "mu" };
const SCALE: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** First version: Arabic numbers with a measure word, one row each. */
export function extractTargets(doc: NormalizedArticle, context: ArticleContext): TargetRow[] {
  const districtId = context.district?.district_id ?? null;
  const map = fromSegments(doc.text, doc.offset_map);
  const rows: TargetRow[] = [];
  for (const sentence of doc.sentences) {
    const text = doc.text.slice(sentence.start, sentence.end);
    for (const m of text.matchAll(QUANTITY)) {
      const [whole, digits, scale, measure] = m as unknown as [string, string, string | undefined, string];
      const start = sentence.start + m.index;
      const end = start + whole.length;
      const multiplier = (scale ? SCALE[scale]! : 1) * (measure === "亿元" ? 1e8 : measure === "万元" ? 1e4 : 1);
      const raw = rawSpan(map, start, end);
      const metric = text.slice(Math.max(0, m.index - 6), m.index).replace(/^.*[，、：（(]/, "") || measure;
      rows.push({
        target_id: sha256Hex(`${doc.article_id}:${start}:${end}`).slice(0, 16),
        article_id: doc.article_id,
        district_id: districtId,
        kind: "target",
        metric,
        value: Number(digits) * multiplier,
        value_high: null,
        unit: UNITS[measure] ?? "count",
        measure_word: measure,
        comparator: "eq",
        direction: "level",
        time_phrase: null,
        year: null,
        recurring: false,
        theme_code: themeOfText(metric),
        sentence: text,
        char_start: codePointIndex(doc.text, start),
        char_end: codePointIndex(doc.text, end),
        raw_char_start: codePointIndex(doc.raw_text, raw.start),
        raw_char_end: codePointIndex(doc.raw_text, raw.end),
      });
    }
  }
  return rows;
}
