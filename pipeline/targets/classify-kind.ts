import type { TargetRow } from "../../schemas/targets.ts";
import type { TimeInfo } from "./find-time.ts";
import { lexicon } from "./lexicon.ts";

const { kinds } = lexicon;

/**
 * The kind a clause states by itself (预计 → estimate, 去年 → achievement, 力争 → target),
 * or null when it has no cue and the kind comes from the list or section around it.
 */
export function classifyKind(clause: string, time: TimeInfo | null): TargetRow["kind"] | null {
  if (kinds.estimate.some((w) => clause.includes(w))) return "estimate";
  if (time?.relation === "past") return "achievement";
  if (time?.relation === "future" || time?.recurring) return "target";
  if (kinds.achievement.some((w) => clause.includes(w))) return "achievement";
  if (kinds.target.some((w) => clause.includes(w))) return "target";
  return null;
}
