import { trimMetric } from "./find-metric.ts";
import { alternation, lexicon } from "./lexicon.ts";

/** 均 as "each" before a verb of reaching or changing (均达, 均增长), not 人均/年均/平均. */
const EACH = new RegExp(`(?<![年人平户])均(?=达|为|超|在|实现|不|控制|保持|${alternation([...lexicon.directions.increase, ...lexicon.directions.decrease])})`, "u");

/** Items of an enumeration (A、B和C), trimmed to their noun phrases. */
export function listItems(text: string): string[] {
  // Unique, so the rows a list hands out never share an id.
  return [...new Set(text.split(/、|和|与|及/u).map(trimMetric))].filter((item) => item !== "");
}

/**
 * Metrics handed out by 分别 (A、B总数分别达363家、9家: one item per quantity, in order) or 均
 * (A和B办结率均达100%: every item gets the quantity); null when the clause does neither.
 * `previous` is the clause before, where the items often are.
 */
export function distributeList(clause: string, previous: string, quantityCount: number): string[] | null {
  const at = clause.includes("分别") ? clause.indexOf("分别") : clause.search(EACH);
  if (at < 0) return null;
  const cue = clause.startsWith("分别", at) ? "分别" : "均";
  const head = clause.slice(0, at);
  const source = head.includes("、") || /和|与|及/u.test(head) ? head : previous;
  const items = listItems(source);
  if (items.length < 2) return null;
  if (cue === "分别") return items.length === quantityCount ? items : null;
  return quantityCount === 1 ? items : null;
}
