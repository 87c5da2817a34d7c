import type { NormalizedArticle } from "../../schemas/normalized-article.ts";
import type { ThemeRow } from "../../schemas/themes.ts";
import { codebook } from "./codebook.ts";

const EVIDENCE_SENTENCES = 3;
const TOP_TERMS = 5;

/** Per theme: term matches and the sentences that carry them; weights sum to 1 over the article's themes. */
export function scoreThemes(doc: NormalizedArticle, districtId: string | null): ThemeRow[] {
  const scored = codebook.flatMap((entry) => {
    const termCounts = new Map<string, number>();
    const sentenceHits: Array<{ id: string; hits: number }> = [];
    for (const sentence of doc.sentences) {
      const text = doc.text.slice(sentence.start, sentence.end);
      let hits = 0;
      for (const term of entry.terms) {
        const n = text.split(term).length - 1;
        if (n > 0) termCounts.set(term, (termCounts.get(term) ?? 0) + n);
        hits += n;
      }
      if (hits > 0) sentenceHits.push({ id: sentence.id, hits });
    }
    if (sentenceHits.length === 0) return [];
    const termCount = [...termCounts.values()].reduce((a, b) => a + b, 0);
    return [{ entry, termCount, termCounts, sentenceHits }];
  });
  const total = scored.reduce((sum, s) => sum + s.termCount, 0);
  return scored
    .map((s) => ({ ...s, weight: s.termCount / total }))
    .sort((a, b) => b.weight - a.weight || a.entry.theme_code.localeCompare(b.entry.theme_code))
    .map((s, i) => ({
      article_id: doc.article_id,
      district_id: districtId,
      theme_code: s.entry.theme_code,
      term_count: s.termCount,
      sentence_count: s.sentenceHits.length,
      sentence_share: s.sentenceHits.length / Math.max(1, doc.sentences.length),
      weight: Math.round(s.weight * 1e6) / 1e6,
      rank: i + 1,
      top_terms: [...s.termCounts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP_TERMS).map(([t]) => t).join("|"),
      evidence_sentence_ids: [...s.sentenceHits].sort((a, b) => b.hits - a.hits).slice(0, EVIDENCE_SENTENCES).map((h) => h.id).join("|"),
    }));
}
