/** Numerals as written in Chinese government prose: Arabic, Chinese, or mixed with scale words (1.9万, 百万, 两千三百). */
import { dropBinaryNoise } from "../lib/numbers.ts";

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const SCALES: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** Arabic digits, with thousands separators (12,500) or a decimal point. */
const ARABIC = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** Value of a Chinese numeral below 万: 三千二百 → 3200, 十五 → 15, 二十 → 20, 六点四 → 6.4. */
function parseSmall(text: string): number | null {
  if (ARABIC.test(text)) return Number(text.replaceAll(",", ""));
  const point = text.indexOf("点");
  if (point >= 0) {
    const whole = point === 0 ? null : parseSmall(text.slice(0, point));
    const decimals = [...text.slice(point + 1)].map((ch) => DIGITS[ch]);
    if (whole === null || decimals.length === 0 || decimals.some((d) => d === undefined)) return null;
    return Number(`${whole}.${decimals.join("")}`);
  }
  let total = 0;
  let digit: number | null = null;
  for (const ch of text) {
    if (ch in DIGITS) {
      if (digit !== null) return null;
      digit = DIGITS[ch]!;
    } else if (ch in SMALL_UNITS) {
      total += (digit ?? 1) * SMALL_UNITS[ch]!;
      digit = null;
    } else {
      return null;
    }
  }
  return total + (digit ?? 0);
}

/**
 * The value of a numeral, or null when the text is not one or names more than a double holds (300 digits).
 * Scale words multiply what precedes them (1.35亿 → 135000000, 百万 → 1000000).
 */
export function parseNumber(text: string): number | null {
  const value = parseNumeral(text);
  return value !== null && Number.isFinite(value) ? value : null;
}

function parseNumeral(text: string): number | null {
  if (text === "") return null;
  let total = 0;
  let rest = text;
  // 亿 before 万: 1亿5000万 → 1.5亿; each scale takes everything before it.
  for (const scale of ["亿", "万"] as const) {
    const at = rest.indexOf(scale);
    if (at < 0) continue;
    const head = rest.slice(0, at);
    const value = head === "" ? 1 : parseSmall(head) ?? parseNumber(head);
    if (value === null) return null;
    total += value * SCALES[scale]!;
    rest = rest.slice(at + 1).replace(/^零/, "");
  }
  if (rest === "") return dropBinaryNoise(total);
  const small = parseSmall(rest);
  return small === null ? null : dropBinaryNoise(total + small);
}

