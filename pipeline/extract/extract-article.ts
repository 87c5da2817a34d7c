import type { ArticleRow } from "../../schemas/articles.ts";
import type { NormalizedArticle } from "../../schemas/normalized-article.ts";
import type { TargetRow } from "../../schemas/targets.ts";
import type { ThemeRow } from "../../schemas/themes.ts";
import { resolveDistrict, type DistrictCandidate } from "../districts/resolve-district.ts";
import { codePointIndex } from "../lib/code-points.ts";
import { extractTargets } from "../targets/extract-targets.ts";
import { scoreThemes } from "../themes/score-themes.ts";

/** Rows of the per-article tables, keyed by table name. */
export interface ArticleRows {
  articles: ArticleRow[];
  themes: ThemeRow[];
  targets: TargetRow[];
}

export interface ArticleExtraction {
  /** Aggregated across articles by the extract stage into the districts table. */
  district: DistrictCandidate | null;
  rows: ArticleRows;
}

/** Pure per-article extraction: everything the tables need from one normalized article. */
export function extractArticle(doc: NormalizedArticle): ArticleExtraction {
  const context = resolveDistrict(doc);
  const districtId = context.district?.district_id ?? null;
  const article: ArticleRow = {
    article_id: doc.article_id,
    source_file: doc.source_file,
    bytes: doc.bytes,
    sha256: doc.sha256,
    encoding: doc.encoding as ArticleRow["encoding"],
    encoding_confidence: doc.encoding_confidence,
    original_script: doc.original_script,
    title: doc.title,
    char_count: codePointIndex(doc.text, doc.text.length),
    paragraph_count: doc.blocks.length,
    sentence_count: doc.sentences.length,
    pinyin_removed: doc.quality.pinyin_removed,
  };
  return {
    district: context.district,
    rows: {
      articles: [article],
      themes: scoreThemes(doc, districtId),
      targets: extractTargets(doc, context),
    },
  };
}
