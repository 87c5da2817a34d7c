import { z } from "zod";
import data from "./lexicon.json" with { type: "json" };

const words = z.array(z.string().min(1));

const Lexicon = z.object({
  comparators: z.object({
    gte_after: words,
    gte_inside: words,
    gte_before: words,
    lte_after: words,
    lte_before: words,
    approx_after: words,
    approx_before: words,
    not_cues: words,
  }),
  directions: z.object({ increase: words, decrease: words, level: words, not_cues: words }),
  kinds: z.object({ estimate: words, achievement: words, target: words, target_outside_review: words }),
  exclusions: z.object({
    ordinal_before: words,
    session_after: words,
    category_after: words,
    programme_words: words,
    rule_sets: words,
    chrome_words: words,
  }),
  metric_strip: z.object({ leading: words, trailing: words, not_nouns: words, paired_modifiers: z.record(z.string(), z.array(z.string()).length(2)) }),
  /** A bare scale word (突破百万) counts people when its metric contains one of these. */
  people_metrics: words,
  time: z.object({
    relative: z.record(z.string(), z.number().int()),
    part_relative: words,
    recurring: words,
    open: words,
    periods: z.string(),
    spans: z.string(),
    comparison_bases: z.string(),
  }),
});
export type Lexicon = z.infer<typeof Lexicon>;

/** The cue and exclusion data file, checked once at load. */
export const lexicon: Lexicon = Lexicon.parse(data);

/** Alternation of literal words, longest first so the regex prefers 个百分点 over 个. */
export function alternation(list: readonly string[]): string {
  return [...list]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("|");
}
