import type { TargetRow } from "../../schemas/targets.ts";
import { lexicon } from "./lexicon.ts";

const CUES = [
  ...lexicon.directions.increase.map((w) => ({ w, d: "increase" as const })),
  ...lexicon.directions.decrease.map((w) => ({ w, d: "decrease" as const })),
];

/** Direction of change stated right before a quantity: the cue nearest to it wins (再下降15%). */
export function findDirection(before: string): TargetRow["direction"] {
  // 增加值 and 增长点 are nouns, not cues.
  const text = lexicon.directions.not_cues.reduce((t, w) => t.replaceAll(w, "□".repeat(w.length)), before);
  let best: { at: number; d: TargetRow["direction"] } = { at: -1, d: "level" };
  for (const { w, d } of CUES) {
    const at = text.lastIndexOf(w);
    if (at >= 0 && at + w.length > best.at) best = { at: at + w.length, d };
  }
  return best.d;
}
