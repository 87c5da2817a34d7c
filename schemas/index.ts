import { articlesTable } from "./articles.ts";
import { districtsTable } from "./districts.ts";
import { officialsTable } from "./officials.ts";
import { districtThemesTable } from "./district-themes.ts";
import { themeCodebookTable } from "./theme-codebook.ts";
import { themesTable } from "./themes.ts";
import { targetsTable } from "./targets.ts";

export { ArticleRow } from "./articles.ts";
export { DistrictRow } from "./districts.ts";
export { OfficialRow } from "./officials.ts";
export { DistrictThemeRow } from "./district-themes.ts";
export { ThemeCode, ThemeCodebookRow } from "./theme-codebook.ts";
export { ThemeRow } from "./themes.ts";
export { TargetRow } from "./targets.ts";
export type { TableDef, ColumnMeta, ForeignKey } from "./column.ts";

/** Published tables, in release order (referenced tables first). */
export const tables = [articlesTable, districtsTable, officialsTable, themeCodebookTable, themesTable, districtThemesTable, targetsTable] as const;
