import { indicatorCodebook, type IndicatorRow } from "../../schemas/indicators.ts";

/** The published indicators table: the codebook with its lists joined by |. */
export const indicatorRows = (): IndicatorRow[] =>
  indicatorCodebook.map(({ indicator, label_zh, label_en, units, better, definition, aliases }) => ({
    indicator,
    label_zh,
    label_en,
    units,
    better,
    definition,
    aliases,
  }));
