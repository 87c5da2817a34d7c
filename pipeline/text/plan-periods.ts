/** Five-year plans (“十一五” … “十九五”) as calendar years. */

const PLAN_DIGITS = "一二三四五六七八九";
/** “十四五”, 十三五: the 11th to 19th plans, with or without quotes. */
export const PLAN_PERIOD = `“?十([${PLAN_DIGITS}])五”?`;

/** First and last year of the n-th five-year plan (the third started in 1966, after three adjustment years). */
export function planYears(n: number): [number, number] {
  const first = n <= 2 ? 1953 + 5 * (n - 1) : 1966 + 5 * (n - 3);
  return [first, first + 4];
}

/** Years of the plan whose digit (十X五's X) is given. */
export const planYearsOfDigit = (digit: string): [number, number] => planYears(11 + PLAN_DIGITS.indexOf(digit));

/** Last year of the first five-year plan the text names (十三五 → 2020), or null. */
export function planEndYear(text: string): number | null {
  const m = new RegExp(PLAN_PERIOD, "u").exec(text);
  return m ? planYearsOfDigit(m[1]!)[1] : null;
}
