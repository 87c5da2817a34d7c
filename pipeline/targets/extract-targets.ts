import type { Sentence } from "../../schemas/normalized-article.ts";
import type { TargetRow } from "../../schemas/targets.ts";
import { sha256Hex } from "../lib/hash.ts";
import { firstIndex } from "../lib/first-index.ts";
import type { ArticleView } from "../text/article-view.ts";
import { withTagMemo } from "../text/segment.ts";
import { classifyKind } from "./classify-kind.ts";
import { distributeList } from "./distribute-list.ts";
import { whyNotTarget } from "./exclude-quantity.ts";
import { findDirection } from "./find-direction.ts";
import { findMetric, trimsToAtMost } from "./find-metric.ts";
import { findQuantities, type Quantity } from "./find-quantities.ts";
import { findBases, findTimes, type BaseYears, type TimeInfo } from "./find-time.ts";
import { lexicon } from "./lexicon.ts";
import { partContexts, type PartContext } from "./part-context.ts";
import { splitClauses, type Clause } from "./split-clauses.ts";
import { charClass, COLONS, SEMICOLONS } from "../text/punctuation.ts";

/** A stated quantity before it gets its evidence offsets. */
interface Finding {
  sentence: Sentence;
  quantity: Quantity;
  kind: TargetRow["kind"];
  metric: string;
  direction: TargetRow["direction"];
  time: TimeInfo | null;
  /** The year a change is measured against (比上年 → the year before, 比2002年 → 2002). */
  baseYear: number | null;
  inHeading: boolean;
}

/**
 * Characters on either side of a quantity that its metric and direction are read from (the longest clause of the
 * 38 texts has 91): each quantity then costs the same however long its clause, so a clause is linear in its length.
 */
const METRIC_CONTEXT = 200;

/** The last of `list` (in order, ends ascending) that ends at or before `at`. */
const lastEndingBy = <T extends { end: number }>(list: readonly T[], at: number): T | undefined => list[firstIndex(list.length, (i) => list[i]!.end > at) - 1];

/** A bare scale number (突破百万) takes its unit from the metric: people for population, else a count. */
function withBareUnit(q: Quantity, metric: string): Quantity {
  return q.bare && lexicon.people_metrics.some((w) => metric.includes(w)) ? { ...q, unit: "person", measure_word: "人" } : q;
}

/** Kind and time that govern the next clauses of a list. */
interface Carried {
  kind: TargetRow["kind"] | null;
  time: TimeInfo | null;
}

/** A sentence ending in ； or ： goes on in the next one: items of one list (目标：A增长6%；B增长8%；…). */
const CONTINUES = new RegExp(`${charClass(SEMICOLONS, COLONS)}$`, "u");

/** Characters a lead-in may keep after its time and cue words are trimmed (a stray 全区). */
const MAX_LEAD_IN_REST = 2;

/** Nothing but time and cue words (力争到2025年, 今年, 预计全年): such a clause governs the clauses after it. */
function isLeadIn(clause: Clause): boolean {
  return clause.colon || trimsToAtMost(clause.text, MAX_LEAD_IN_REST);
}

/**
 * The quantities of one sentence. Within a sentence, the kind and time of the last clause that stated
 * a quantity, or of a lead-in clause, carry into the next clauses without their own cue
 * (预计全年完成A 618亿元，B 460.9亿元); other clauses without a quantity (在去年…的基础上) carry nothing.
 */
function findInSentence(
  text: string,
  section: PartContext | null,
  reportYear: number | null,
  carriedIn: Carried | null,
): { found: Omit<Finding, "sentence" | "inHeading">[]; carried: Carried | null } {
  const quantities = findQuantities(text);
  const clauses = splitClauses(text);
  const found: Omit<Finding, "sentence" | "inHeading">[] = [];
  const base: BaseYears = { report: reportYear, part: section?.time.year ?? reportYear };
  let carried = carriedIn;
  // What the next sentence of a ；-list inherits: a lead-in's kind and time (目标：A增长6%；B增长8%), not a clause's own.
  let carriedOut = carriedIn;
  // The quantity before, for a metric left unnamed (地区生产总值1250.6亿元，同比增长6.2%).
  let previous: { metric: string; direction: TargetRow["direction"] } | null = null;
  const excluded = whyNotTarget(text);
  // Clauses and quantities are both in text order: one walk pairs them.
  let next = 0;
  clauses.forEach((clause, index) => {
    while (next < quantities.length && quantities[next]!.start < clause.start) next++;
    const own: Quantity[] = [];
    for (let k = next; k < quantities.length && quantities[k]!.start < clause.end; k++) {
      const q = quantities[k]!;
      if (q.end <= clause.end && !excluded(q, clause.start)) own.push(q);
    }
    const times = findTimes(clause.text, base);
    const bases = findBases(clause.text);
    const part = section?.part ?? null;
    const kindOf = classifyKind(clause.text);
    if (own.length === 0) {
      const ownTime = times[0] ?? null;
      const ownKind = kindOf(ownTime, part);
      if (isLeadIn(clause)) carriedOut = carried = { kind: ownKind ?? carried?.kind ?? null, time: ownTime ?? carried?.time ?? null };
      return;
    }
    const carriedIn = carried;
    // Each quantity takes the nearest time phrase before it in the clause (由2010年的162.4亿元增加到2015年的287.9亿元), else the clause's.
    const timed = own.map((q) => {
      const at = q.start - clause.start;
      const ownTime = lastEndingBy(times, at) ?? times[0] ?? null;
      const ownKind = kindOf(ownTime, part);
      // A clause that states its own time takes no kind carried from a clause about another (在去年…基础上，今年…).
      const carriedKind = ownTime ? null : carriedIn?.kind;
      const time = ownTime ?? carriedIn?.time ?? section?.time ?? null;
      const comparedWith = lastEndingBy(bases, at);
      const baseYear = comparedWith ? (comparedWith.year ?? (time?.year == null ? null : time.year - 1)) : null;
      return { time, kind: ownKind ?? carriedKind ?? section?.kind ?? "target", baseYear };
    });
    const last = timed.at(-1)!;
    carried = { kind: last.kind, time: last.time?.span ? (carriedIn?.time ?? null) : last.time };
    const distributed = distributeList(clause.text, clauses[index - 1]?.text ?? "", own.length);
    own.forEach((q, i) => {
      const from = Math.max(clause.start, own[i - 1]?.end ?? clause.start, q.start - METRIC_CONTEXT);
      const before = text.slice(from, q.start);
      const after = text.slice(q.end, Math.min(clause.end, q.end + METRIC_CONTEXT));
      const metrics = distributed
        ? distributed.length === own.length ? [distributed[i]!] : distributed
        : [findMetric(before, after, q.unit, previous?.metric ?? null)];
      // 分别增长7%和8%, 新增A 29个、B 25条: a quantity joined to the one before by a bare conjunction, or listed
      // after it with 、, shares its direction when it states none of its own.
      const ownDirection = findDirection(before);
      const shares = i > 0 && previous !== null && (before.startsWith("、") || trimsToAtMost(before, 0));
      const direction = ownDirection ?? (shares ? previous!.direction : "level");
      for (const metric of metrics) {
        found.push({ quantity: withBareUnit(q, metric), ...timed[i]!, metric, direction });
      }
      previous = { metric: metrics[0]!, direction };
    });
  });
  return { found, carried: carriedOut };
}

function toRow(view: ArticleView, districtId: string | null, f: Finding): TargetRow {
  const { doc } = view;
  const text = doc.text.slice(f.sentence.start, f.sentence.end);
  const start = f.sentence.start + f.quantity.start;
  const end = f.sentence.start + f.quantity.end;
  return {
    target_id: sha256Hex(`${doc.article_id}:${start}:${end}:${f.metric}`).slice(0, 16),
    article_id: doc.article_id,
    district_id: districtId,
    kind: f.kind,
    metric: f.metric,
    value: f.quantity.value,
    value_high: f.quantity.value_high,
    unit: f.quantity.unit,
    measure_word: f.quantity.measure_word,
    comparator: f.quantity.comparator,
    direction: f.direction,
    time_phrase: f.time?.phrase ?? null,
    year: f.time?.year ?? null,
    base_year: f.baseYear,
    recurring: f.time?.recurring ?? false,
    // Theme, indicator and restatements are other concerns': the extract stage adds them to the rows.
    theme_code: null,
    indicator: null,
    headline: view.inHeadline(start),
    sentence: text,
    ...view.span(start, end),
    restated_spans: null,
    restated_raw_spans: null,
  };
}

function findTargets(view: ArticleView, districtId: string | null): TargetRow[] {
  const { doc } = view;
  const reportYear = doc.date.report_year;
  const contexts = partContexts(doc.parts, reportYear);
  const kindOfBlock = new Map(doc.blocks.map((b) => [b.id, b.kind]));
  const findings: Finding[] = [];
  let carried: Carried | null = null;
  let previous: Sentence | null = null;
  for (const sentence of doc.sentences) {
    const text = doc.text.slice(sentence.start, sentence.end);
    const continues = previous?.block_id === sentence.block_id && CONTINUES.test(doc.text.slice(previous.start, previous.end).trimEnd());
    previous = sentence;
    if (!continues) carried = null;
    if (view.unreliable(sentence.start, sentence.end) || lexicon.exclusions.chrome_words.some((w) => text.includes(w))) continue;
    const inHeading = kindOfBlock.get(sentence.block_id) !== "paragraph";
    const part = view.partAt(sentence.start);
    const result = findInSentence(text, part ? (contexts.get(part) ?? null) : null, reportYear, carried);
    carried = result.carried;
    for (const f of result.found) findings.push({ ...f, sentence, inHeading });
  }
  // Headings repeat the body's numbers (清理阻碍改革发展文件482份); keep a heading's quantity only when the body does not state it.
  const inBody = new Set(findings.filter((f) => !f.inHeading).map((f) => `${f.quantity.value}|${f.quantity.unit}`));
  return findings
    .filter((f) => !f.inHeading || !inBody.has(`${f.quantity.value}|${f.quantity.unit}`))
    .map((f) => toRow(view, districtId, f));
}

/**
 * Every stated quantity of an article: one row per quantity and metric, with its evidence. Metric trimming
 * re-tags the same fragments, so tags are memoized for the article.
 */
export function extractTargets(view: ArticleView, districtId: string | null): TargetRow[] {
  return withTagMemo(() => findTargets(view, districtId));
}
