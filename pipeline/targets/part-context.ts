import type { Part } from "../../schemas/normalized-article.ts";
import type { TargetRow } from "../../schemas/targets.ts";
import { findTime, type TimeInfo } from "./find-time.ts";

/** What the part a sentence stands in says of its quantities when the clause says nothing. */
export interface PartContext {
  part: Part["part"];
  kind: TargetRow["kind"];
  time: TimeInfo;
}

const KIND: Record<Exclude<Part["part"], "other">, TargetRow["kind"]> = { review: "achievement", plan: "target", long_range: "target" };

/**
 * The context of each part, in order: a review's quantities are achievements of its year, a plan's and a long
 * range's targets for theirs; an `other` part (self-building, closing) carries on the one before it, since its
 * rare quantities read as that part's. The time phrase is the heading's when it states one (2018年成绩).
 */
export function partContexts(parts: readonly Part[], reportYear: number | null): Map<Part, PartContext> {
  const contexts = new Map<Part, PartContext>();
  let last: PartContext | null = null;
  for (const part of parts) {
    if (part.part === "other") {
      if (last) contexts.set(part, { ...last, part: "other" });
      continue;
    }
    const phrase = part.heading === null ? null : (findTime(part.heading, { report: reportYear, part: part.year })?.phrase ?? null);
    const relation = part.year === null || reportYear === null ? null : part.year < reportYear ? "past" : part.year > reportYear ? "future" : "present";
    last = { part: part.part, kind: KIND[part.part], time: { phrase, year: part.year, recurring: false, relation } };
    contexts.set(part, last);
  }
  return contexts;
}
