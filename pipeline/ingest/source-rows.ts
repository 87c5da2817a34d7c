import type { SourceRow } from "../../schemas/sources.ts";
import type { SourceListing } from "./parse-sources.ts";

/** Every article's source, as the provenance files list its raw file; a row of nulls when none lists it. */
export function sourceRows(articles: ReadonlyArray<{ article_id: string; source_file: string }>, listings: readonly SourceListing[]): SourceRow[] {
  const listed = new Map(listings.map((l) => [l.source_file, l]));
  const none = { listed_in: null, repository: null, repository_path: null, commit: null, licence: null, sha256: null, place_code: null };
  return articles.map(({ article_id, source_file }) => ({ article_id, ...none, ...listed.get(source_file), source_file }));
}
