import { articlesTable } from "./articles.ts";
import { sourcesTable } from "./sources.ts";
import { districtsTable } from "./districts.ts";
import { officialsTable } from "./officials.ts";
import { districtThemesTable } from "./district-themes.ts";
import { themeCodebookTable } from "./theme-codebook.ts";
import { themesTable } from "./themes.ts";
import { targetsTable } from "./targets.ts";
import { indicatorsTable } from "./indicators.ts";
import { headlineTargetsTable } from "./headline-targets.ts";
import { targetOutcomesTable } from "./target-outcomes.ts";

export { ArticleRow } from "./articles.ts";
export { SourceRow } from "./sources.ts";
export { DistrictRow } from "./districts.ts";
export { OfficialRow } from "./officials.ts";
export { DistrictThemeRow } from "./district-themes.ts";
export { ThemeCode, ThemeCodebookRow } from "./theme-codebook.ts";
export { ThemeRow } from "./themes.ts";
export { TargetRow } from "./targets.ts";
export { IndicatorRow } from "./indicators.ts";
export { HeadlineTargetRow } from "./headline-targets.ts";
export { TargetOutcomeRow } from "./target-outcomes.ts";
export type { TableDef, ColumnMeta, ForeignKey } from "./column.ts";

/** Published tables, in release order (referenced tables first). */
export const tables = [
  articlesTable,
  sourcesTable,
  districtsTable,
  officialsTable,
  themeCodebookTable,
  themesTable,
  districtThemesTable,
  indicatorsTable,
  targetsTable,
  headlineTargetsTable,
  targetOutcomesTable,
] as const;
