const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });

/** A value as the tables show it: grouped digits, a range as low–high. */
export function formatValue(value: number, high: number | null): string {
  return high === null ? number.format(value) : `${number.format(value)}–${number.format(high)}`;
}

export const COMPARATOR_SIGN: Record<string, string> = { eq: "=", gte: "≥", lte: "≤", approx: "≈", range: "range" };

export function formatMet(met: boolean | null, outcome: number | null): string {
  if (outcome === null) return "";
  return met === null ? "undecided" : met ? "met" : "missed";
}
