import type { ArticleRow } from "../../schemas/articles.ts";
import type { DistrictThemeRow } from "../../schemas/district-themes.ts";
import type { TargetRow } from "../../schemas/targets.ts";
import { locateQuantities, type Span } from "./locate-quantities.ts";
import { packRows, type PackedTable } from "./packed-table.ts";

/** The targets columns a place's shard shows. */
export const PLACE_TARGET_COLUMNS = [
  "target_id", "article_id", "kind", "metric", "value", "value_high", "unit", "measure_word", "comparator",
  "direction", "year", "theme_code", "indicator", "headline", "char_start", "char_end",
] as const satisfies readonly (keyof TargetRow)[];

export type SourceTarget = Pick<TargetRow, (typeof PLACE_TARGET_COLUMNS)[number] | "district_id" | "sentence">;
export type ShardArticle = Pick<ArticleRow, "article_id" | "title" | "report_year">;

export type PlaceTarget = Omit<SourceTarget, "district_id" | "sentence"> & {
  /** Index into the shard's sentences: rows of one sentence share it. */
  sentence: number;
  /** The quantity inside the sentence (code points), null when it could not be found again. */
  quantity: Span | null;
};

/** data/place/<district_id>.json: what the page loads when a place is picked or one of its rows is clicked. */
export interface PlaceShard {
  district_id: string;
  themes: Pick<DistrictThemeRow, "theme_code" | "weight" | "rank">[];
  articles: ShardArticle[];
  sentences: string[];
  targets: PackedTable<PlaceTarget>;
}

/** One place's shard; targets keep the release's order (by article, then position). */
export function placeShard(
  districtId: string,
  themes: readonly Pick<DistrictThemeRow, "theme_code" | "weight" | "rank">[],
  targets: readonly SourceTarget[],
  articles: ReadonlyMap<string, ShardArticle>,
): PlaceShard {
  const sentences: string[] = [];
  const bySentence = new Map<string, SourceTarget[]>();
  for (const t of targets) {
    const key = `${t.article_id}\u0000${t.sentence}`;
    const group = bySentence.get(key);
    if (group) group.push(t);
    else bySentence.set(key, [t]);
  }
  const located = new Map<SourceTarget, { sentence: number; quantity: Span | null }>();
  for (const group of bySentence.values()) {
    const sentence = sentences.push(group[0]!.sentence) - 1;
    locateQuantities(group[0]!.sentence, group).forEach((quantity, i) => located.set(group[i]!, { sentence, quantity }));
  }
  const rows: PlaceTarget[] = targets.map((t) => ({ ...t, ...located.get(t)! }));
  const articleIds = [...new Set(targets.map((t) => t.article_id))];
  return {
    district_id: districtId,
    themes: [...themes].sort((a, b) => a.rank - b.rank).map(({ theme_code, weight, rank }) => ({ theme_code, weight, rank })),
    articles: articleIds.map((id) => articles.get(id) ?? { article_id: id, title: "", report_year: null }),
    sentences,
    targets: packRows(rows, [...PLACE_TARGET_COLUMNS, "sentence", "quantity"]),
  };
}
