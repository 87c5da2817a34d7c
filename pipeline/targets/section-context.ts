import type { NormalizedArticle } from "../../schemas/normalized-article.ts";
import type { TargetRow } from "../../schemas/targets.ts";
import { findTime, type TimeInfo } from "./find-time.ts";
import { lexicon } from "./lexicon.ts";

/** What a review or plan heading (2018年成绩, 展望2019年) says about the quantities under it. */
export interface SectionContext {
  kind: TargetRow["kind"];
  time: TimeInfo | null;
}

const { sections } = lexicon;
/** Section headings are short; a long "heading" is a mis-detected paragraph. */
const MAX_HEADING = 24;

function sectionOf(heading: string, baseYear: number | null): SectionContext | null {
  if (heading.length > MAX_HEADING) return null;
  const kind = sections.achievement.some((w) => heading.includes(w))
    ? "achievement"
    : sections.target.some((w) => heading.includes(w))
      ? "target"
      : null;
  return kind ? { kind, time: findTime(heading, baseYear) } : null;
}

/** Context of every block: the latest review or plan heading before it, or null. */
export function sectionContexts(doc: NormalizedArticle, baseYear: number | null): Map<string, SectionContext | null> {
  const contexts = new Map<string, SectionContext | null>();
  let current: SectionContext | null = null;
  for (const block of doc.blocks) {
    if (block.kind !== "paragraph") current = sectionOf(doc.text.slice(block.start, block.end), baseYear) ?? current;
    contexts.set(block.id, current);
  }
  return contexts;
}
