import type { DistrictThemeRow } from "../../schemas/district-themes.ts";
import type { DistrictRow } from "../../schemas/districts.ts";
import type { ThemeCode } from "../../schemas/theme-codebook.ts";
import type { ThemeRow } from "../../schemas/themes.ts";
import { orderThemes } from "./order-themes.ts";
import { roundScore } from "./round-score.ts";

/** What the aggregate needs of an article's theme row. */
export type ArticleThemeWeight = Pick<ThemeRow, "article_id" | "district_id" | "theme_code" | "term_count" | "sentence_count" | "weight">;

const byArticle = (a: ArticleThemeWeight, b: ArticleThemeWeight) => (a.article_id < b.article_id ? -1 : a.article_id > b.article_id ? 1 : 0);

/**
 * Article theme rows summed per district. The weight is the mean article weight over all the district's articles
 * (article_count of the districts table, so articles without the theme count as 0). Rows are summed in article-id
 * order, so the result does not depend on the order the articles were read in.
 */
export function aggregateDistrictThemes(
  rows: readonly ArticleThemeWeight[],
  districts: ReadonlyArray<Pick<DistrictRow, "district_id" | "article_count">>,
): DistrictThemeRow[] {
  const byDistrict = new Map<string, ArticleThemeWeight[]>();
  for (const row of rows) {
    if (row.district_id === null) continue;
    const list = byDistrict.get(row.district_id) ?? [];
    list.push(row);
    byDistrict.set(row.district_id, list);
  }
  return [...districts]
    .sort((a, b) => (a.district_id < b.district_id ? -1 : a.district_id > b.district_id ? 1 : 0))
    .flatMap(({ district_id, article_count }) => {
      const sums = new Map<ThemeCode, { articles: number; terms: number; sentences: number; weight: number }>();
      for (const row of (byDistrict.get(district_id) ?? []).sort(byArticle)) {
        const sum = sums.get(row.theme_code) ?? { articles: 0, terms: 0, sentences: 0, weight: 0 };
        sum.articles++;
        sum.terms += row.term_count;
        sum.sentences += row.sentence_count;
        sum.weight += row.weight;
        sums.set(row.theme_code, sum);
      }
      const scored = [...sums].map(([theme_code, sum]) => ({ theme_code, sum, term_count: sum.terms, weight: roundScore(sum.weight / article_count) }));
      return orderThemes(scored).map(({ theme_code, sum, term_count, weight }, i) => ({
        district_id,
        theme_code,
        article_count: sum.articles,
        term_count,
        sentence_count: sum.sentences,
        weight,
        rank: i + 1,
      }));
    });
}
