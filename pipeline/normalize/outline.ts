import { z } from "zod";
import type { Block, Part, PartKind } from "../../schemas/normalized-article.ts";
import { pattern } from "../lib/pattern.ts";
import { planEndYear } from "../text/plan-periods.ts";
import data from "./outline.json" with { type: "json" };

const Rules = z.object({
  marks: z.array(z.object({ pattern: pattern(), level: z.number().int().positive() })),
  cues: z.object({
    review: z.array(z.string()),
    long_range: z.array(z.string()),
    self_building: z.array(z.string()),
    plan: z.array(z.string()),
  }),
  headline: pattern(),
  closing: pattern(),
});
const rules = Rules.parse(data);
const cueOf = (words: readonly string[]) => new RegExp(words.join("|"), "u");
/** In the order they are tried: a review of a five-year plan names the plan, a plan chapter may name its year. */
const CUES = (["review", "long_range", "self_building", "plan"] as const).map((cue) => [cue, cueOf(rules.cues[cue])] as const);
export type HeadingCue = (typeof CUES)[number][0];

const YEAR = /(?:19|20)\d\d(?=年)/gu;

/** What a heading says of the part it opens, and the calendar years it names. */
export function readHeading(heading: string): { cue: HeadingCue | null; years: number[] } {
  const cue = CUES.find(([, re]) => re.test(heading))?.[0] ?? null;
  return { cue, years: [...heading.matchAll(YEAR)].map((m) => Number(m[0])) };
}

/** Depth of a heading from its numbering mark; an unmarked heading line stands above the numbered ones. */
export function headingLevel(heading: string): number {
  return rules.marks.find((m) => m.pattern.test(heading))?.level ?? 0;
}

/** The year a part refers to: what its heading names, else the report year's review (−1) or plan year. */
function yearOf(part: PartKind, heading: string, years: readonly number[], reportYear: number | null): number | null {
  if (part === "review") return years.at(-1) ?? planEndYear(heading) ?? (reportYear === null ? null : reportYear - 1);
  if (part === "plan") return years[0] ?? reportYear;
  if (part === "long_range") return planEndYear(heading) ?? years.at(-1) ?? null;
  return null;
}

interface Open {
  level: number;
  part: PartKind;
  year: number | null;
}

/**
 * The parts of a report, from its headings: a heading with a cue opens a part of that kind (a government
 * self-building chapter of the plan is `other`; inside a review it stays review); a heading without one
 * continues its parent's part, or at the top level the last part that was not `other`. The closing appeal
 * after the last heading (各位代表，…让我们…) is `other`. Text before the first part belongs to none. Pure.
 */
export function findParts(text: string, blocks: readonly Block[], reportYear: number | null): Part[] {
  const parts: Part[] = [];
  const stack: Open[] = [];
  let substantive: Open | null = null;
  const open = (start: number, part: PartKind, year: number | null, heading: string | null) => {
    const last = parts.at(-1);
    if (last && last.part === part && last.year === year) return;
    if (last) last.end = start;
    parts.push({ part, year, heading, start, end: text.length });
  };
  // The closing appeal comes after the last heading: an address opening a chapter (各位代表！站在新的起点上，我们要…) is no closing.
  const lastHeading = blocks.findLastIndex((b) => b.kind === "heading");
  for (const [index, block] of blocks.entries()) {
    const content = text.slice(block.start, block.end);
    if (block.kind === "heading") {
      const level = headingLevel(content);
      const { cue, years } = readHeading(content);
      // An unmarked line without a cue (a subtitle, a stray line of the copy) opens nothing and closes nothing.
      if (level === 0 && cue === null) continue;
      while (stack.length > 0 && stack.at(-1)!.level >= level) stack.pop();
      const parent: Open | null = stack.at(-1) ?? null;
      const forward: PartKind | undefined = (parent ?? substantive)?.part;
      let next: Open | null;
      if (cue === "self_building") {
        next = forward === "plan" || forward === "long_range" ? { level, part: "other", year: null } : parent && { ...parent, level };
      } else if (cue) {
        next = { level, part: cue, year: yearOf(cue, content, years, reportYear) };
      } else if (reportYear !== null && years[0] === reportYear && (parent ?? substantive)?.part !== "plan") {
        // A chapter named for the report year after a review (三、2011年的工作) plans that year.
        next = { level, part: "plan", year: reportYear };
      } else {
        const from: Open | null = parent ?? substantive;
        next = from && { ...from, level };
      }
      if (!next) continue;
      stack.push(next);
      if (next.part !== "other") substantive = next;
      open(block.start, next.part, next.year, content);
    } else if (block.kind === "paragraph" && index > lastHeading && parts.length > 0 && rules.closing.test(content)) {
      open(block.start, "other", null, null);
      stack.length = 0;
      substantive = null;
    }
  }
  return parts;
}

/**
 * The main expected targets paragraph: the first paragraph of a plan part that states 主要预期目标是…; a
 * lead-in that is all its paragraph holds (…主要预期目标是：) takes the paragraph after it. Pure.
 */
export function findHeadline(text: string, blocks: readonly Block[], parts: readonly Part[]): { start: number; end: number } | null {
  const inPlan = (at: number) => parts.some((p) => p.part === "plan" && p.start <= at && at < p.end);
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.kind !== "paragraph" || !inPlan(block.start)) continue;
    const content = text.slice(block.start, block.end);
    const m = rules.headline.exec(content);
    if (!m) continue;
    const rest = content.slice(m.index + m[0].length).replace(/^[：:\s]+/u, "");
    const next = blocks[i + 1];
    if (rest.length === 0 && next?.kind === "paragraph") return { start: block.start, end: next.end };
    return { start: block.start, end: block.end };
  }
  return null;
}
