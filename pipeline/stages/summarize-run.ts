import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { ArticleStage, type Rejection } from "../../schemas/normalized-article.ts";
import { writeJson } from "../lib/files.ts";
import { readDatasetInfo } from "../publish/dataset-info.ts";
import type { StageTimings } from "./run-stage.ts";
import type { Stage, RunContext } from "./stage.ts";
import { stages } from "./index.ts";

/** Reason groups a summary shows before it folds the rest into one line (the summary fits one screen). */
const REASONS_SHOWN = 12;

const readJsonIfAny = async <T>(path: string): Promise<T | null> => (existsSync(path) ? (JSON.parse(await readFile(path, "utf8")) as T) : null);

/** What a reason is, without its particulars: the text before its first colon or bracket. */
const reasonKind = (reason: string) => reason.replace(/\s*[:(].*$/su, "");

/**
 * After a run: gathers the rejections of every article stage up to the last one that ran into the rejection report
 * (later stages' reports may describe an older build), and after a publish logs one screen of what came of the
 * corpus: what was published, what was left out (by stage and reason) and the slowest articles.
 */
export async function summarizeRun({ paths, log, budgetMs }: RunContext, ran: readonly Stage[]): Promise<void> {
  const last = stages.indexOf(ran.at(-1)!);
  const current = ArticleStage.options.filter((name) => stages.findIndex((s) => s.name === name) <= last);
  const rejected = (await Promise.all(current.map((name) => readJsonIfAny<Rejection[]>(paths.rejections(name))))).flat().filter((r) => r !== null);
  await writeJson(paths.rejectionReport, rejected);
  if (ran.at(-1)?.name !== "publish") return;

  const report = await readJsonIfAny<{ row_counts: Record<string, number> }>(paths.validateReport);
  const counts = report?.row_counts ?? {};
  const lines = [`published v${readDatasetInfo().version}: ${counts.articles ?? 0} articles, ${counts.targets ?? 0} targets, ${counts.districts ?? 0} districts`];
  const groups = new Map<string, number>();
  for (const r of rejected) {
    const group = `${r.stage.padEnd(9)} ${reasonKind(r.reason)}`;
    groups.set(group, (groups.get(group) ?? 0) + 1);
  }
  lines.push(`rejected: ${rejected.length} file(s), each with its stage and reason in ${paths.rejectionReport}`);
  // In stage order (the keys start with the stage), the most frequent reason of a stage first.
  const order = (group: string) => ArticleStage.options.findIndex((stage) => group.startsWith(stage));
  const sorted = [...groups].sort(([a, m], [b, n]) => order(a) - order(b) || n - m || (a < b ? -1 : 1));
  for (const [group, n] of sorted.slice(0, REASONS_SHOWN)) lines.push(`  ${String(n).padStart(4)}  ${group}`);
  if (sorted.length > REASONS_SHOWN) lines.push(`        … ${sorted.length - REASONS_SHOWN} more reasons`);
  const timings = await Promise.all(current.map(async (name) => ({ name, slowest: (await readJsonIfAny<StageTimings>(paths.stageTimings(name))) ?? [] })));
  const slowest = timings
    .flatMap(({ name, slowest }) => slowest.map((s) => ({ ...s, stage: name })))
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, 3);
  lines.push(`slowest articles (budget ${budgetMs / 1000} s per article and stage):`);
  for (const s of slowest) lines.push(`  ${s.seconds.toFixed(2).padStart(7)} s  ${s.stage.padEnd(9)} ${s.name}`);
  log(`summary:\n  ${lines.join("\n  ")}`);
}
