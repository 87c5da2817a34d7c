/** Drops the binary noise of decimal arithmetic (1.35 × 1e8, 18.5 − 21): twelve significant digits stand. */
export const dropBinaryNoise = (value: number): number => Number(value.toPrecision(12));
