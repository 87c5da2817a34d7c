import { z } from "zod";
import { column, defineTable, placeCode } from "./column.ts";
import { ThemeCode } from "./theme-codebook.ts";

export const DistrictThemeRow = z.object({
  district_id: column(placeCode(), { description: "District the articles are about." }),
  theme_code: column(ThemeCode, { description: "Theme code from the codebook.", categorical: true }),
  article_count: column(z.number().int().positive(), { description: "The district's articles that mention the theme." }),
  term_count: column(z.number().int().positive(), { description: "Lexicon term matches over the district's articles." }),
  sentence_count: column(z.number().int().positive(), { description: "Sentences that mention the theme, over the district's articles." }),
  weight: column(z.number().min(0).max(1), {
    description:
      "Mean of the theme's article weight over all of the district's articles (0 for an article without the theme), so each article counts once whatever its length; a district's weights sum to 1 (up to rounding to 6 decimals) unless one of its articles mentions no theme.",
  }),
  rank: column(z.number().int().positive(), { description: "Rank of the theme within the district by weight, 1 = strongest." }),
});
export type DistrictThemeRow = z.infer<typeof DistrictThemeRow>;

export const districtThemesTable = defineTable({
  name: "district_themes",
  title: "District themes",
  description: "Theme scores per district, aggregated over its articles; a theme no article of the district mentions has no row.",
  schema: DistrictThemeRow,
  primaryKey: ["district_id", "theme_code"],
  foreignKeys: [
    { fields: ["district_id"], reference: { resource: "districts", fields: ["district_id"] } },
    { fields: ["theme_code"], reference: { resource: "theme_codebook", fields: ["theme_code"] } },
  ],
});
