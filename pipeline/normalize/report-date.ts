import { z } from "zod";
import type { Block, DocumentDate } from "../../schemas/normalized-article.ts";
import eventsFile from "./dated-events.json" with { type: "json" };
import { parseNumber } from "../text/parse-number.ts";
import { readHeading } from "./outline.ts";

const Events = z.object({
  this_year_prefix: z.string(),
  this_year_events: z.array(z.object({ pattern: z.string(), year: z.number().int() })),
  anniversaries: z.array(z.object({ pattern: z.string(), base: z.number().int() })),
  lead_paragraph_chars: z.number().int(),
});
const events = Events.parse(eventsFile);

interface YearEvidence {
  year: number;
  evidence: string;
}

const isCalendarDay = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
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
    const n = m ? parseNumber(m[1]!) : null;
    if (m && n) hits.push({ year: a.base + n, evidence: m[0], at: m.index });
  }
  return hits.sort((a, b) => a.at - b.at)[0] ?? null;
}

/** 2023年工作回顾 → the report looks back from 2024; 展望2019年, 2024年工作安排 → it plans for that year. */
function yearFromHeadings(text: string, blocks: readonly Block[]): YearEvidence | null {
  for (const block of blocks) {
    if (block.kind !== "heading") continue;
    const heading = text.slice(block.start, block.end);
    const { cue, years } = readHeading(heading);
    if (cue === "review" && years.length > 0) return { year: years.at(-1)! + 1, evidence: heading };
    if (cue === "plan" && years.length > 0) return { year: years[0]!, evidence: heading };
  }
  return null;
}

/** A year in a title that names a report or plan (2006年中华人民共和国国务院政府工作报告). */
const TITLE_YEAR = /((?:19|20)\d\d)年[^\n]{0,30}?(?:报告|工作|规划|计划|部署)/u;

/**
 * Title, captions and the first real paragraph: where a report states when its event happened; never past the
 * first heading that opens a part, where the review's own dates begin.
 */
function leadText(text: string, blocks: readonly Block[]): string {
  const first = blocks.findIndex((b) => b.kind === "paragraph" && b.end - b.start >= events.lead_paragraph_chars);
  const part = blocks.findIndex((b) => b.kind === "heading" && readHeading(text.slice(b.start, b.end)).cue !== null);
  const last = blocks[first < 0 ? blocks.length - 1 : first];
  const end = Math.min(last?.end ?? 0, part < 0 ? text.length : blocks[part]!.start);
  return text.slice(0, end);
}

/** A date stated as such: a session line (2024年1月31日在…人民代表大会…), a page's 发布时间, a full date in the lead. */
const PAGE_DATE = /(?:发布时间|发布日期|发稿时间|发表时间|日期|时间)[:：]?\s*((?:19|20)\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})日?/u;
const WRITTEN_DATE = /((?:19|20)\d\d)年(\d{1,2})月(?:(\d{1,2})日)?/u;

function statedDate(lead: string, pageLines: readonly string[]): { y: string; m: string; d: string | undefined; evidence: string } | null {
  for (const line of [...pageLines, lead]) {
    const page = PAGE_DATE.exec(line);
    if (page) return { y: page[1]!, m: page[2]!, d: page[3], evidence: page[0] };
  }
  const written = WRITTEN_DATE.exec(lead);
  return written ? { y: written[1]!, m: written[2]!, d: written[3], evidence: written[0] } : null;
}

/**
 * When the document was given, and the year it plans for (structure guide). A stated date fixes both; else the
 * title's year, a review or plan heading (2023年工作回顾 → 2024), or a dated event (今年是…75周年) fixes the
 * year, and a month-day in the lead takes that year. `pageLines` are page-chrome lines normalize took out of the
 * text (发布时间：…). Pure; a month-day without a year is no date.
 */
export function documentDate(text: string, blocks: readonly Block[], pageLines: readonly string[] = []): DocumentDate {
  const lead = leadText(text, blocks);
  const stated = statedDate(lead, pageLines);
  if (stated && isCalendarDay(Number(stated.y), Number(stated.m), Number(stated.d ?? 1))) {
    const { y, m, d, evidence } = stated;
    return {
      published_date: d ? `${y}-${pad(Number(m))}-${pad(Number(d))}` : `${y}-${pad(Number(m))}`,
      date_precision: d ? "day" : "month",
      date_evidence: [evidence],
      report_year: Number(y),
      report_year_evidence: evidence,
    };
  }
  const title = blocks[0]?.kind === "title" ? TITLE_YEAR.exec(text.slice(blocks[0].start, blocks[0].end)) : null;
  const year: YearEvidence | null = (title && { year: Number(title[1]), evidence: title[0] }) ?? yearFromHeadings(text, blocks) ?? yearFromEvents(text);
  if (!year) return { published_date: null, date_precision: "unknown", date_evidence: null, report_year: null, report_year_evidence: null };
  const fixed = { report_year: year.year, report_year_evidence: year.evidence };
  // A month-day after 去年, 明年 or another year's digits belongs to that year, not this one.
  const monthDay = /(?<![\d年去明])(\d{1,2})月(\d{1,2})日/.exec(lead);
  if (monthDay && isCalendarDay(year.year, Number(monthDay[1]), Number(monthDay[2]))) {
    const [, m, d] = monthDay;
    return { published_date: `${year.year}-${pad(Number(m))}-${pad(Number(d))}`, date_precision: "day", date_evidence: [monthDay[0], year.evidence], ...fixed };
  }
  return { published_date: String(year.year), date_precision: "year", date_evidence: [year.evidence], ...fixed };
}
