import type { TargetRow } from "../../schemas/targets.ts";
import { lexicon } from "./lexicon.ts";

const CUES = [
  ...lexicon.directions.increase.map((w) => ({ w, d: "increase" as const })),
  ...lexicon.directions.decrease.map((w) => ({ w, d: "decrease" as const })),
  // 提高到, 达到: what follows is the level reached.
  ...lexicon.directions.level.map((w) => ({ w, d: "level" as const })),
];

/** Direction of change stated right before a quantity: the cue nearest to it wins (再下降15%); null when none is. */
export function findDirection(before: string): TargetRow["direction"] | null {
  // 增加值 and 增长点 are nouns, not cues.
  const text = lexicon.directions.not_cues.reduce((t, w) => t.replaceAll(w, "□".repeat(w.length)), before);
  let best: { at: number; d: TargetRow["direction"] | null } = { at: -1, d: null };
  for (const { w, d } of CUES) {
    const at = text.lastIndexOf(w);
    // The cue ending nearest the quantity wins; a longer one ending there too (提高到 over 提高) decides.
    if (at >= 0 && (at + w.length > best.at || (at + w.length === best.at && d === "level"))) best = { at: at + w.length, d };
  }
  return best.d;
}
