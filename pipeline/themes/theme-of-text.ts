import type { ThemeCode } from "../../schemas/theme-codebook.ts";
import { codebook } from "./codebook.ts";

/** The theme whose lexicon matches the text most often; null when none does. */
export function themeOfText(text: string): ThemeCode | null {
  let best: ThemeCode | null = null;
  let bestHits = 0;
  for (const entry of codebook) {
    const hits = entry.terms.reduce((n, term) => n + text.split(term).length - 1, 0);
    if (hits > bestHits) {
      best = entry.theme_code;
      bestHits = hits;
    }
  }
  return best;
}
