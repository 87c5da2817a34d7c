import type { ArticleRow } from "../../schemas/articles.ts";
import type { NormalizedArticle } from "../../schemas/normalized-article.ts";
import type { OfficialRow } from "../../schemas/officials.ts";
import type { TargetRow } from "../../schemas/targets.ts";
import type { ThemeRow } from "../../schemas/themes.ts";
import { resolveDistrict, type DistrictCandidate } from "../districts/resolve-district.ts";
import { codePointIndex } from "../lib/code-points.ts";
import { articleView } from "../text/article-view.ts";
import { headlineRows } from "../indicators/headline-panel.ts";
import { matchIndicator } from "../indicators/match-indicator.ts";
import { mergeRestatements } from "../indicators/merge-restatements.ts";
import type { HeadlineTargetRow } from "../../schemas/headline-targets.ts";
import { extractTargets } from "../targets/extract-targets.ts";
import { scoreThemes } from "../themes/score-themes.ts";
import { withTermMemo } from "../themes/match-terms.ts";
import { themeOfTarget } from "../themes/theme-of-text.ts";

/** Rows of the per-article tables, keyed by table name. */
export interface ArticleRows {
  articles: ArticleRow[];
  officials: OfficialRow[];
  themes: ThemeRow[];
  targets: TargetRow[];
}

export interface ArticleExtraction {
  /** Aggregated across articles by the extract stage into the districts table. */
  district: DistrictCandidate | null;
  /** The article's rows of the headline panel, merged across articles by the extract stage. */
  headline: HeadlineTargetRow[];
  rows: ArticleRows;
}

/** A published list has an item or is null. */
const listOrNull = (items: readonly string[]) => (items.length > 0 ? [...items] : null);

/** Pure per-article extraction: everything the tables need from one normalized article. */
export function extractArticle(doc: NormalizedArticle): ArticleExtraction {
  return withTermMemo(() => extract(doc));
}

function extract(doc: NormalizedArticle): ArticleExtraction {
  const view = articleView(doc);
  const context = resolveDistrict(doc);
  const districtId = context.district?.district_id ?? null;
  const article: ArticleRow = {
    article_id: doc.article_id,
    source_file: doc.source_file,
    bytes: doc.bytes,
    sha256: doc.sha256,
    encoding: doc.encoding,
    encoding_confidence: doc.encoding_confidence,
    original_script: doc.original_script,
    title: doc.title || null,
    char_count: codePointIndex(doc.text, doc.text.length),
    paragraph_count: doc.blocks.length,
    sentence_count: doc.sentences.length,
    pinyin_removed: doc.quality.pinyin_removed,
    heading_count: doc.blocks.filter((b) => b.kind === "heading").length,
    has_title: doc.title.length > 0,
    source: doc.metadata.source,
    author: doc.metadata.author,
    editor: doc.metadata.editor,
    reporters: listOrNull(doc.metadata.reporters),
    correspondents: listOrNull(doc.metadata.correspondents),
    photographers: listOrNull(doc.metadata.photographers),
    mojibake_spans_found: doc.quality.mojibake_found,
    mojibake_spans_repaired: doc.quality.mojibake_repaired,
    mojibake_spans_left: doc.quality.mojibake_left,
    unreliable_char_count: doc.unreliable.reduce((n, u) => n + codePointIndex(doc.text, u.end) - codePointIndex(doc.text, u.start), 0),
    boilerplate_lines_removed: doc.quality.boilerplate_lines_removed,
    district_id: districtId,
    district_status: context.district_status,
    district_note: context.district_note,
    ...doc.date,
  };
  // Each row's theme and indicator are read from its metric (and sentence), then restatements of one target fold
  // into its first statement.
  const targets = mergeRestatements(
    extractTargets(view, districtId).map((r) => ({
      ...r,
      theme_code: themeOfTarget(r.metric, r.sentence),
      indicator: matchIndicator(r.metric, r.unit)?.indicator ?? null,
    })),
  );
  return {
    district: context.district,
    headline: headlineRows(targets),
    rows: {
      articles: [article],
      officials: districtId ? context.officials.map((o) => ({ article_id: doc.article_id, name: o.name, title: o.title, district_id: districtId })) : [],
      themes: scoreThemes(view, districtId),
      targets,
    },
  };
}
