import type { ThemeCode } from "../../schemas/theme-codebook.ts";
import { matchTerms } from "./match-terms.ts";

/** The theme whose terms the texts match most often (on whole tokens, text by text); ties go to the theme matched last. */
function dominantTheme(...texts: string[]): ThemeCode | null {
  const counts = new Map<ThemeCode, number>();
  let best: ThemeCode | null = null;
  for (const { theme_code } of texts.flatMap(matchTerms)) {
    const count = (counts.get(theme_code) ?? 0) + 1;
    counts.set(theme_code, count);
    if (best === null || count >= counts.get(best)!) best = theme_code;
  }
  return best;
}

/**
 * The theme of a short text such as a target's metric, else of `fallback` (its sentence); null when neither
 * matches a codebook term. Ties go to the theme matched last: Chinese noun phrases put their head last, so
 * 惠民空间微改造 is about the renewal, not the people it benefits.
 */
export function themeOfText(text: string, fallback?: string): ThemeCode | null {
  return dominantTheme(text) ?? (fallback === undefined ? null : dominantTheme(fallback));
}

/**
 * The theme of a target's metric and sentence read as one text (their terms counted together, the sentence's last):
 * each matched on its own, so the sentence's matches, remembered, serve all its targets.
 */
export const themeOfTarget = (metric: string, sentence: string): ThemeCode | null => dominantTheme(metric, sentence);
