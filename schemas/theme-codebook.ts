import { z } from "zod";
import { column, defineTable, listItem, listOf } from "./column.ts";
import entries from "./theme-codebook.json" with { type: "json" };

/** theme-codebook.json: the sixteen themes, each with its labels, definition and lexicon; the one list of theme codes. */
const CodebookEntry = z.object({
  theme_code: z.string().regex(/^[a-z][a-z_]*$/),
  label_zh: z.string(),
  label_en: z.string(),
  definition: z.string(),
  terms: z.array(z.string().min(1)).min(1),
});

/** The codebook, checked once at load: each code once, each term in one theme only (so a match names one theme). */
export const themeCodebook = z
  .array(CodebookEntry)
  .superRefine((list, ctx) => {
    const codes = list.map((e) => e.theme_code);
    if (new Set(codes).size !== codes.length) ctx.addIssue({ code: "custom", message: "theme-codebook.json lists a code twice" });
    const owner = new Map<string, string>();
    for (const { theme_code, terms } of list) {
      for (const term of terms) {
        const first = owner.get(term);
        if (first) ctx.addIssue({ code: "custom", message: `term ${term} is listed under ${first} and ${theme_code}` });
        owner.set(term, theme_code);
      }
    }
  })
  .parse(entries);

const [first, ...rest] = themeCodebook.map((e) => e.theme_code);
export const ThemeCode = z.enum([first!, ...rest]);
export type ThemeCode = z.infer<typeof ThemeCode>;
export type CodebookEntry = z.infer<typeof CodebookEntry> & { theme_code: ThemeCode };
/** The codebook entries, typed by their codes. */
export const codebook = themeCodebook as readonly CodebookEntry[];

export const ThemeCodebookRow = z.object({
  theme_code: column(ThemeCode, { description: "Stable theme code; never renamed or reused.", categorical: true }),
  label_zh: column(z.string().min(1), { description: "Chinese label." }),
  label_en: column(z.string().min(1), { description: "English label." }),
  definition: column(z.string().min(1), { description: "One-line definition of what the theme covers." }),
  terms: column(listOf(listItem()), { description: "Lexicon terms that signal the theme, Simplified." }),
});
export type ThemeCodebookRow = z.infer<typeof ThemeCodebookRow>;

export const themeCodebookTable = defineTable({
  name: "theme_codebook",
  title: "Theme codebook",
  description: "The sixteen theme codes with labels, definitions and the lexicon used to score them.",
  schema: ThemeCodebookRow,
  primaryKey: ["theme_code"],
  foreignKeys: [],
});
