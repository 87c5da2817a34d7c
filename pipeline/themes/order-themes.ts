import { ThemeCode } from "../../schemas/theme-codebook.ts";

interface Scored {
  theme_code: ThemeCode;
  /** Rounded, as published, so equal published weights fall to the tie-breaks. */
  weight: number;
  term_count: number;
}

/** Rank order of themes: weight, then term count, then codebook order; a row's rank is its index + 1. */
export function orderThemes<T extends Scored>(rows: readonly T[]): T[] {
  const codeOrder = (code: ThemeCode) => ThemeCode.options.indexOf(code);
  return [...rows].sort((a, b) => b.weight - a.weight || b.term_count - a.term_count || codeOrder(a.theme_code) - codeOrder(b.theme_code));
}
