import type { Block, Sentence } from "../../schemas/normalized-article.ts";
import type { ThemeCode } from "../../schemas/theme-codebook.ts";
import type { ThemeRow } from "../../schemas/themes.ts";
import type { ArticleView } from "../text/article-view.ts";
import { matchTerms } from "./match-terms.ts";
import { orderThemes } from "./order-themes.ts";
import { roundScore } from "./round-score.ts";

const EVIDENCE_SENTENCES = 3;
const TOP_TERMS = 5;
/** A title or heading states what the text under it is about, so its matches count more (see README.md). */
const EMPHASIS: Record<Block["kind"], number> = { title: 3, heading: 2, paragraph: 1 };

interface ThemeTally {
  termCount: number;
  /** Matches per term, in order of first occurrence (the tie-break of top_terms). */
  terms: Map<string, number>;
  mass: number;
  sentences: Array<{ sentence: Sentence; score: number }>;
}

function emphasisOf(block: Block | undefined): number {
  // Titles and headings are what normalize decided they are, by the one rule in structure.ts.
  return block ? EMPHASIS[block.kind] : 1;
}

/**
 * Per theme: its term matches and the sentences that carry them. A sentence with n matches of a theme adds
 * emphasis × (1 + ln n) to the theme's mass (repeating a term in one sentence adds little); the weight is the
 * theme's share of the article's mass, so it does not grow with length. Sentences in unreliable spans are skipped.
 */
export function scoreThemes(view: ArticleView, districtId: string | null): ThemeRow[] {
  const { doc } = view;
  const blocks = new Map(doc.blocks.map((block) => [block.id, block]));
  const sentences = doc.sentences.filter((s) => !view.unreliable(s.start, s.end));
  const tallies = new Map<ThemeCode, ThemeTally>();
  for (const sentence of sentences) {
    const hits = new Map<ThemeCode, string[]>();
    for (const { theme_code, term } of matchTerms(doc.text.slice(sentence.start, sentence.end))) {
      const terms = hits.get(theme_code);
      if (terms) terms.push(term);
      else hits.set(theme_code, [term]);
    }
    const emphasis = emphasisOf(blocks.get(sentence.block_id));
    for (const [code, terms] of hits) {
      const tally: ThemeTally = tallies.get(code) ?? { termCount: 0, terms: new Map(), mass: 0, sentences: [] };
      tally.termCount += terms.length;
      for (const term of terms) tally.terms.set(term, (tally.terms.get(term) ?? 0) + 1);
      const score = emphasis * (1 + Math.log(terms.length));
      tally.mass += score;
      tally.sentences.push({ sentence, score });
      tallies.set(code, tally);
    }
  }
  const totalMass = [...tallies.values()].reduce((sum, t) => sum + t.mass, 0);
  const scored = [...tallies].map(([theme_code, tally]) => ({ theme_code, tally, term_count: tally.termCount, weight: roundScore(tally.mass / totalMass) }));
  return orderThemes(scored).map(({ theme_code, tally, term_count, weight }, i) => {
    // Stable sorts: equal scores keep document order, equal counts first-occurrence order.
    const evidence = [...tally.sentences].sort((a, b) => b.score - a.score).slice(0, EVIDENCE_SENTENCES);
    const spans = evidence.map(({ sentence }) => view.span(sentence.start, sentence.end));
    return {
      article_id: doc.article_id,
      district_id: districtId,
      theme_code,
      term_count,
      sentence_count: tally.sentences.length,
      sentence_share: roundScore(tally.sentences.length / sentences.length),
      weight,
      rank: i + 1,
      top_terms: [...tally.terms].sort((a, b) => b[1] - a[1]).slice(0, TOP_TERMS).map(([term]) => term),
      evidence_sentence_ids: evidence.map((e) => e.sentence.id),
      evidence_spans: spans.map((s) => `${s.char_start}-${s.char_end}`),
      evidence_raw_spans: spans.map((s) => `${s.raw_char_start}-${s.raw_char_end}`),
    };
  });
}
