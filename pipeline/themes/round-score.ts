/** Published scores carry six decimals, so releases compare byte for byte across machines. */
export function roundScore(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
