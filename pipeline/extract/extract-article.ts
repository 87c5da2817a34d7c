import type { ArticleRow } from "../../schemas/articles.ts";
import { resolveDistrict, type DistrictCandidate } from "../districts/resolve-district.ts";
import type { NormalizedArticle } from "../../schemas/normalized-article.ts";
import type { TargetRow } from "../../schemas/targets.ts";
import type { ThemeRow } from "../../schemas/themes.ts";
import { codePointIndex } from "../lib/code-points.ts";
import { extractTargets } from "../targets/extract-targets.ts";
import { scoreThemes } from "../themes/score-themes.ts";

export interface ArticleExtraction {
  article: ArticleRow;
  district: DistrictCandidate | null;
  themes: ThemeRow[];
  targets: TargetRow[];
}

/** Pure per-article extraction: everything the tables need from one normalized article. */
export function extractArticle(doc: NormalizedArticle): ArticleExtraction {
  const context = resolveDistrict(doc);
  const district = context.district;
  const districtId = district?.district_id ?? null;
  return {
    article: {
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
    },
    district,
    themes: scoreThemes(doc, districtId),
    targets: extractTargets(doc, context),
  };
}
