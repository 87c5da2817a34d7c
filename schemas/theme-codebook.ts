import { z } from "zod";
import { column, defineTable } from "./column.ts";

export const ThemeCode = z.enum([
  "industry", "innovation", "services", "urban_renewal", "transport", "rural", "education", "health",
  "livelihood", "environment", "business_env", "reform_opening", "culture_tourism", "governance_safety",
  "party_building", "fiscal",
]);
export type ThemeCode = z.infer<typeof ThemeCode>;

export const ThemeCodebookRow = z.object({
  theme_code: column(ThemeCode, { description: "Stable theme code; never renamed or reused.", examples: ["education"], categorical: true }),
  label_zh: column(z.string().min(1), { description: "Chinese label.", examples: ["教育"] }),
  label_en: column(z.string().min(1), { description: "English label.", examples: ["Education"] }),
  definition: column(z.string().min(1), { description: "One-line definition of what the theme covers.", examples: ["Schools, school places, teachers and vocational education."] }),
  terms: column(z.string().min(1), { description: "Lexicon terms that signal the theme, Simplified, separated by |.", examples: ["学位|学校|教师"] }),
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
