import { z } from "zod";
import { BoilerplateKind, CreditRole } from "../../schemas/normalized-article.ts";
import { pattern } from "../lib/pattern.ts";
import data from "./boilerplate.json" with { type: "json" };

const Pattern = pattern();

const Rules = z.object({
  max_chrome_line: z.number().int().positive(),
  tail_markers: z.array(Pattern),
  chrome: z.array(z.object({ kind: BoilerplateKind, pattern: Pattern })),
  credit: z.object({
    max_line: z.number().int().positive(),
    markers: z.array(z.object({ marker: z.string().min(1), role: CreditRole, whole: z.boolean().optional() })),
    labels: z.array(z.string().min(1)),
    caption_suffix: Pattern,
    max_byline_tail: z.number().int().positive(),
    max_byline_prefix: z.number().int().nonnegative(),
  }),
  caption: z.object({ max_line: z.number().int().positive(), max_neighbour: z.number().int().positive() }),
});
export type BoilerplateRules = z.infer<typeof Rules>;

/** The boilerplate data file, checked and compiled once at load. */
export const boilerplateRules: BoilerplateRules = Rules.parse(data);
