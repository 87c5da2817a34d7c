import { trimMetric } from "./find-metric.ts";
import { alternation, lexicon } from "./lexicon.ts";

/** 均 as "each" before a verb of reaching or changing (均达, 均增长), not 人均/年均/平均. */
const EACH = new RegExp(`(?<![年人平户])均(?=达|为|超|在|实现|不|控制|保持|${alternation([...lexicon.directions.increase, ...lexicon.directions.decrease])})`, "u");

const PAIRED = Object.entries(lexicon.metric_strip.paired_modifiers);

/**
 * Parallel modifiers share the noun of the last item: 第一、第二、第三产业增加值 and 一、二、三产增加值 are three
 * value-added series. Applies when every earlier item is a short modifier of one length k and the last item is
 * longer: the earlier items take the last item's text after its first k characters.
 */
function shareHead(items: string[]): string[] {
  if (items.length < 2) return items;
  const last = items.at(-1)!;
  const k = items[0]!.length;
  if (k > 3 || last.length <= k + 1 || !items.slice(0, -1).every((item) => item.length === k)) return items;
  const head = last.slice(k);
  return [...items.slice(0, -1).map((item) => item + head), last];
}

/** Items of an enumeration (A、B和C), trimmed to their noun phrases, a shared noun carried to each. */
export function listItems(text: string): string[] {
  const parts = text.split(/、|和|与|及/u).map(trimMetric).filter((item) => item !== "");
  const paired = parts.length === 1 ? PAIRED.find(([modifier]) => parts[0]!.startsWith(modifier)) : undefined;
  const items = paired ? paired[1].map((m) => m + parts[0]!.slice(paired[0].length)) : shareHead(parts);
  // Unique, so the rows a list hands out never share an id.
  return [...new Set(items)];
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
  const paired = PAIRED.some(([modifier]) => trimMetric(head).startsWith(modifier));
  const source = head.includes("、") || /和|与|及/u.test(head) || paired ? head : previous;
  const items = listItems(source);
  if (items.length < 2) return null;
  if (cue === "分别") return items.length === quantityCount ? items : null;
  return quantityCount === 1 ? items : null;
}
