import type { NormalizedArticle } from "../../schemas/normalized-article.ts";
import type { DistrictRow } from "../../schemas/districts.ts";

export type DistrictCandidate = Omit<DistrictRow, "article_count">;

/** What the district resolver tells every other extractor about an article. */
export interface ArticleContext {
  district: DistrictCandidate | null;
  /** ISO date, possibly partial (2019, 2019-01, 2019-01-24); null when the text does not fix it. */
  published_date: string | null;
  date_precision: "day" | "month" | "year" | "unknown";
  date_evidence: string | null;
}

/** First version: no gazetteer yet, so no district and no date. */
export function resolveDistrict(_doc: NormalizedArticle): ArticleContext {
  return { district: null, published_date: null, date_precision: "unknown", date_evidence: null };
}
