import type { DistrictRow } from "../../schemas/districts.ts";
import type { NormalizedArticle } from "../../schemas/normalized-article.ts";
import { extractOfficials, type Official } from "./extract-officials.ts";
import { findSubject, type SubjectStatus } from "./find-subject.ts";
import type { Place } from "./gazetteer.ts";

export type DistrictCandidate = Omit<DistrictRow, "article_count">;

/** What the district resolver tells every other extractor about an article. */
export interface ArticleContext {
  district: DistrictCandidate | null;
  /** resolved, or why not: ambiguous (namesakes the text does not tell apart) or not_found. */
  district_status: SubjectStatus;
  district_note: string | null;
  /** People who speak for the district; empty when it is unresolved. */
  officials: Official[];
}

/**
 * The same span in the original-script text: script conversion keeps every line's length in practice, and
 * where a line changed length the Simplified form is the honest fallback.
 */
export function originalForm(doc: Pick<NormalizedArticle, "text" | "original_text">, start: number, end: number): string {
  const line = doc.text.slice(0, start).split("\n").length - 1;
  const lineStart = doc.text.lastIndexOf("\n", start - 1) + 1;
  const textLine = doc.text.split("\n")[line];
  const originalLine = doc.original_text.split("\n")[line];
  if (textLine === undefined || originalLine?.length !== textLine.length) return doc.text.slice(start, end);
  return originalLine.slice(start - lineStart, end - lineStart);
}

const toCandidate = (place: Place, nameOriginal: string): DistrictCandidate => ({
  district_id: place.district_id,
  name: place.name,
  name_original: nameOriginal,
  level: place.level,
  division_type: place.division_type,
  city: place.city,
  city_code: place.city_code,
  province: place.province,
  province_code: place.province_code,
});

/** The article's subject place and its officials. Pure: the gazetteer is read once per process. */
export function resolveDistrict(doc: NormalizedArticle): ArticleContext {
  // A byline (作者：中共岳阳楼区委书记 陈阁辉) names the speaker's office; normalize moves it out of the text,
  // so it is read as one more line after the body.
  const text = doc.metadata.author ? `${doc.text}\n${doc.metadata.author}` : doc.text;
  const subject = findSubject(text, doc.blocks);
  const place = subject.place;
  const nameOriginal = subject.mention ? originalForm(doc, subject.mention.start, subject.mention.end) : place?.name;
  return {
    district: place && nameOriginal ? toCandidate(place, nameOriginal) : null,
    district_status: subject.status,
    district_note: subject.note,
    officials: place ? extractOfficials(text, place, subject.mentions) : [],
  };
}
