import { scopedMemo } from "../lib/scoped-memo.ts";
import { segment } from "../text/segment.ts";
import { codebook, type ThemeCode } from "../../schemas/theme-codebook.ts";

/** One occurrence of a codebook term, with UTF-16 offsets into the matched text. */
export interface TermMatch {
  term: string;
  theme_code: ThemeCode;
  start: number;
  end: number;
}

const themeOfTerm = new Map(codebook.flatMap((entry) => entry.terms.map((term) => [term, entry.theme_code] as const)));
const longestTerm = Math.max(...[...themeOfTerm.keys()].map((term) => term.length));
/** Quotation marks set slogans apart (“融深”“融湾”, “三旧”改造), so a term may run across them. */
const QUOTE = /^[“”‘’「」『』"']+$/;

const termMemo = scopedMemo((text: string): readonly TermMatch[] => {
  const tokens = segment(text).filter((token) => !QUOTE.test(token.word));
  const matches: TermMatch[] = [];
  for (let i = 0; i < tokens.length; ) {
    let best: { term: string; theme_code: ThemeCode; last: number } | null = null;
    let joined = "";
    for (let j = i; j < tokens.length && joined.length < longestTerm; j++) {
      joined += tokens[j]!.word;
      const theme_code = themeOfTerm.get(joined);
      if (theme_code) best = { term: joined, theme_code, last: j };
    }
    if (!best) {
      i++;
      continue;
    }
    matches.push({ term: best.term, theme_code: best.theme_code, start: tokens[i]!.start, end: tokens[best.last]!.end });
    i = best.last + 1;
  }
  return matches;
});

/**
 * Codebook terms in the text, matched on whole tokens: a term must cover one or more consecutive tokens exactly,
 * so 民生 does not match inside 国民/生产总值 and 健康 not inside the neutral phrase 健康发展. The longest term
 * starting at a token wins and its tokens are consumed, so 粤港澳大湾区 counts once, not also as 大湾区.
 */
export const matchTerms = (text: string): readonly TermMatch[] => termMemo.get(text);

/** Runs `work` with matchTerms remembering its answers until it returns: an article's themes and targets ask about the same sentences. */
export const withTermMemo = termMemo.within;
