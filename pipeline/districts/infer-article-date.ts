import { z } from "zod";
import type { Block } from "../../schemas/normalized-article.ts";
import eventsFile from "./dated-events.json" with { type: "json" };

const Events = z.object({
  this_year_prefix: z.string(),
  this_year_events: z.array(z.object({ pattern: z.string(), year: z.number().int() })),
  anniversaries: z.array(z.object({ pattern: z.string(), base: z.number().int() })),
  outlooks: z.array(z.object({ pattern: z.string(), offset: z.number().int() })),
  lead_paragraph_chars: z.number().int(),
});
const events = Events.parse(eventsFile);

export const DatePrecision = z.enum(["day", "month", "year", "unknown"]);

export const ArticleDate = z.object({
  /** ISO date, as precise as the text allows: 2019, 2019-01 or 2019-01-24; null when unknown. */
  published_date: z.string().nullable(),
  date_precision: DatePrecision,
  /** The phrase(s) the date rests on, as they stand in the text. */
  date_evidence: z.string().nullable(),
});
export type ArticleDate = z.infer<typeof ArticleDate>;

interface YearEvidence {
  year: number;
  evidence: string;
}

const digits: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 70, 七十, 一百 → number; anniversaries are written either way. */
export function parseCount(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch in digits) current = digits[ch]!;
    else if (ch === "十") (total += (current || 1) * 10), (current = 0);
    else if (ch === "百") (total += (current || 1) * 100), (current = 0);
    else return null;
  }
  return total + current || null;
}

const isCalendarDay = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();

const unknown: ArticleDate = { published_date: null, date_precision: "unknown", date_evidence: null };
const pad = (n: number) => String(n).padStart(2, "0");

/** 今年是…开局之年 / 今年是…70周年: what the text says the current year is. */
function yearFromEvents(text: string): YearEvidence | null {
  const hits: Array<YearEvidence & { at: number }> = [];
  for (const e of events.this_year_events) {
    const m = new RegExp(events.this_year_prefix + e.pattern).exec(text);
    if (m) hits.push({ year: e.year, evidence: m[0], at: m.index });
  }
  for (const a of events.anniversaries) {
    const m = new RegExp(`${events.this_year_prefix}${a.pattern}(\\d{1,3}|[一二三四五六七八九十百]+)周年`).exec(text);
    const n = m ? parseCount(m[1]!) : null;
    if (m && n) hits.push({ year: a.base + n, evidence: m[0], at: m.index });
  }
  return hits.sort((a, b) => a.at - b.at)[0] ?? null;
}

/** 展望2019年 → 2019; 2018年成绩 → the article looks back from 2019. */
function yearFromOutlook(text: string): YearEvidence | null {
  const hits = events.outlooks
    .map((o) => {
      const m = new RegExp(o.pattern).exec(text);
      return m ? { year: Number(m[1]) + o.offset, evidence: m[0], at: m.index } : null;
    })
    .filter((h) => h !== null);
  return hits.sort((a, b) => a.at - b.at)[0] ?? null;
}

/** Title, captions and the first real paragraph: where a report states when its event happened. */
function leadText(text: string, blocks: readonly Block[]): string {
  const first = blocks.findIndex((b) => b.kind === "paragraph" && b.end - b.start >= events.lead_paragraph_chars);
  const last = blocks[first < 0 ? blocks.length - 1 : first];
  return last ? text.slice(0, last.end) : "";
}

/**
 * When the article was written: a full date in the lead; else a month-day in the lead with the year the text
 * fixes elsewhere (今年是二十大开局之年, 展望2019年); else that year alone. A month-day without a year is
 * no date. Pure.
 */
export function inferArticleDate(text: string, blocks: readonly Block[]): ArticleDate {
  const lead = leadText(text, blocks);
  const full = /(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?/.exec(lead);
  if (full) {
    const [, y, m, d] = full;
    return d
      ? { published_date: `${y}-${pad(Number(m))}-${pad(Number(d))}`, date_precision: "day", date_evidence: full[0] }
      : { published_date: `${y}-${pad(Number(m))}`, date_precision: "month", date_evidence: full[0] };
  }
  const year = yearFromEvents(text) ?? yearFromOutlook(text);
  if (!year) return unknown;
  // A month-day after 去年, 明年 or another year's digits belongs to that year, not this one.
  const monthDay = /(?<![\d年去明])(\d{1,2})月(\d{1,2})日/.exec(lead);
  if (monthDay && isCalendarDay(year.year, Number(monthDay[1]), Number(monthDay[2]))) {
    const [, m, d] = monthDay;
    return { published_date: `${year.year}-${pad(Number(m))}-${pad(Number(d))}`, date_precision: "day", date_evidence: `${monthDay[0]} | ${year.evidence}` };
  }
  return { published_date: String(year.year), date_precision: "year", date_evidence: year.evidence };
}
