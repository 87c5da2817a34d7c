import { charClass, COLONS, COMMAS, SEMICOLONS, STOPS } from "../text/punctuation.ts";

/** A clause of a sentence: text between commas, semicolons and colons (enumeration commas 、 stay inside). */
export interface Clause {
  start: number;
  end: number;
  text: string;
  /** Ends with a colon: a lead-in (今年主要预期目标是：) that governs the clauses after it. */
  colon: boolean;
}

const BOUNDARY = new RegExp(charClass(COMMAS, SEMICOLONS, COLONS, STOPS), "u");

/** Clauses of a sentence, offsets relative to it; quoted commas do not split. */
export function splitClauses(sentence: string): Clause[] {
  const clauses: Clause[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < sentence.length; i++) {
    const ch = sentence[i]!;
    if (ch === "“" || ch === "《" || ch === "（" || ch === "(") depth++;
    else if ((ch === "”" || ch === "》" || ch === "）" || ch === ")") && depth > 0) depth--;
    else if (depth === 0 && BOUNDARY.test(ch)) {
      if (i > start) clauses.push({ start, end: i, text: sentence.slice(start, i), colon: ch === "：" || ch === ":" });
      start = i + 1;
    }
  }
  if (sentence.length > start) clauses.push({ start, end: sentence.length, text: sentence.slice(start), colon: false });
  return clauses;
}
