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

/** The codebook data file, checked once at load. */
export const codebook: readonly CodebookEntry[] = z.array(CodebookEntry).parse(entries);
