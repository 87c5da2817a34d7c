import { z } from "zod";
import { ThemeCode } from "../../schemas/theme-codebook.ts";
import entries from "./codebook.json" with { type: "json" };

const CodebookEntry = z.object({
  theme_code: ThemeCode,
  label_zh: z.string(),
  label_en: z.string(),
  definition: z.string(),
  terms: z.array(z.string().min(1)).min(1),
});
export type CodebookEntry = z.infer<typeof CodebookEntry>;

/** The codebook data file, checked once at load: each code exactly once, each term in one theme only (so a match names one theme). */
export const codebook: readonly CodebookEntry[] = z
  .array(CodebookEntry)
  .superRefine((list, ctx) => {
    const codes = list.map((e) => e.theme_code);
    const missing = ThemeCode.options.filter((code) => !codes.includes(code));
    if (missing.length > 0 || new Set(codes).size !== codes.length) {
      ctx.addIssue({ code: "custom", message: `codebook must list each theme code once (missing: ${missing.join(", ") || "none"})` });
    }
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
