import type { TargetRow } from "../../schemas/targets.ts";
import { codePointIndexer } from "../lib/code-points.ts";
import { findQuantities } from "../targets/find-quantities.ts";

export type QuantityRow = Pick<TargetRow, "char_start" | "char_end" | "value" | "value_high" | "measure_word">;

/** A quantity's span inside its sentence, in code points. */
export type Span = [start: number, end: number];

/**
 * Where each row's quantity sits in its sentence. The release gives the quantity's offsets in the article only,
 * and the sentence's own start is not published, so the sentence is parsed again with the extractor's parser and
 * a row takes the quantity of its length and value (and measure word, when that still leaves a choice). Rows of
 * one sentence share its start in the article: a quantity written twice (1所 … 1所) takes the occurrence whose
 * implied sentence start the most rows agree on, else the first. Null when no quantity fits.
 */
export function locateQuantities(sentence: string, rows: readonly QuantityRow[]): (Span | null)[] {
  const codePoint = codePointIndexer(sentence);
  const found = findQuantities(sentence).map((q) => ({ ...q, start: codePoint(q.start), end: codePoint(q.end) }));
  const candidates = rows.map((row) => {
    const fit = found.filter((q) => q.end - q.start === row.char_end - row.char_start && q.value === row.value && q.value_high === row.value_high);
    const worded = fit.filter((q) => q.measure_word === row.measure_word);
    return worded.length > 0 ? worded : fit;
  });
  const votes = new Map<number, number>();
  candidates.forEach((fit, i) => {
    for (const start of new Set(fit.map((q) => rows[i]!.char_start - q.start))) votes.set(start, (votes.get(start) ?? 0) + 1);
  });
  return candidates.map((fit, i) => {
    const votesFor = (q: { start: number }) => votes.get(rows[i]!.char_start - q.start)!;
    const best = fit.reduce<(typeof fit)[number] | null>((a, q) => (a === null || votesFor(q) > votesFor(a) ? q : a), null);
    return best && [best.start, best.end];
  });
}
