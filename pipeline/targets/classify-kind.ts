import type { PartKind } from "../../schemas/normalized-article.ts";
import type { TargetRow } from "../../schemas/targets.ts";
import type { TimeInfo } from "./find-time.ts";
import { lexicon } from "./lexicon.ts";

const { kinds } = lexicon;
const cue = (patterns: readonly string[]) => new RegExp(patterns.join("|"), "u");
const ESTIMATE = cue(kinds.estimate);
const PAST = cue(kinds.achievement);
const FORWARD = cue(kinds.target);
const FORWARD_OUTSIDE_REVIEW = cue(kinds.target_outside_review);

/**
 * The kind a clause states by itself, or null when it has no cue and the kind comes from the list, the part
 * or the default: 预计 → estimate; a past time (去年, 2023年 in a 2024 report) → achievement, a future or
 * recurring one → target; then past markers (已经, 实现了) and forward cues (力争, 拟). 比上年增长 is a
 * comparison, not the past. Inside a review, 争取, 安排 and a plan named as a noun (完成年度计划的108%) say what
 * was done and flip nothing. The clause is read once; each of its quantities then asks with its own time.
 */
export function classifyKind(clause: string): (time: TimeInfo | null, part: PartKind | null) => TargetRow["kind"] | null {
  const estimate = ESTIMATE.test(clause);
  const past = PAST.test(clause);
  const forward = FORWARD.test(clause);
  const forwardOutsideReview = FORWARD_OUTSIDE_REVIEW.test(clause);
  return (time, part) => {
    if (estimate) return "estimate";
    if (time?.relation === "past") return "achievement";
    if (time?.relation === "future" || time?.recurring) return "target";
    if (past) return "achievement";
    if (forward) return "target";
    if (part !== "review" && forwardOutsideReview) return "target";
    return null;
  };
}
