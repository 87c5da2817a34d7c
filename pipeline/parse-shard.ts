import { UsageError } from "./lib/pipeline-error.ts";
import type { Shard } from "./lib/shard.ts";

/** A shard and what chose it, for messages: `--shard 2/3`, `JOB_COMPLETION_INDEX=1`. */
export interface ShardChoice {
  shard: Shard;
  from: string;
}

/** Kubernetes sets an Indexed Job pod's 0-based index; the count (the Job's completions) is ours to pass. */
const KUBERNETES = { index: "JOB_COMPLETION_INDEX", count: "SHARD_COUNT" };
/** Slurm sets these in every task of a job array (`sbatch --array=0-2`, `--array=1-7:2`). */
const SLURM = { id: "SLURM_ARRAY_TASK_ID", count: "SLURM_ARRAY_TASK_COUNT", min: "SLURM_ARRAY_TASK_MIN", step: "SLURM_ARRAY_TASK_STEP" };
/** Every variable that can choose a shard: a run that must cover the whole corpus is started without them. */
export const SCHEDULER_VARIABLES: readonly string[] = [...Object.values(KUBERNETES), ...Object.values(SLURM)];

const whole = (text: string | undefined) => (text !== undefined && /^\d+$/.test(text) ? Number(text) : null);

/** The count of a scheduler's shards: `--shards N`, else the named variable, else a refusal that says which is missing. */
function countOf(shards: number | undefined, env: NodeJS.ProcessEnv, variable: string, what: string): number {
  if (shards !== undefined) return shards;
  const count = whole(env[variable]);
  if (count === null || count < 1) throw new UsageError(`${what} is set but not the shard count: pass --shards N or set ${variable}, got ${env[variable] ?? "nothing"}`);
  return count;
}

/**
 * The shard a run covers: `--shard K/N` (1 ≤ K ≤ N), else a Kubernetes Indexed Job's index, else a Slurm job
 * array's task (both 0-based, N from `--shards N` or the scheduler), else none. A bad value is a UsageError.
 */
export function chooseShard(flag: string | undefined, shards: number | undefined, env: NodeJS.ProcessEnv): ShardChoice | null {
  if (flag !== undefined) {
    const [k, n] = /^\d+\/\d+$/.test(flag) ? flag.split("/").map(Number) : [];
    if (k === undefined || n === undefined || k < 1 || k > n) throw new UsageError(`--shard must be K/N, shard K of N with 1 ≤ K ≤ N, got ${flag}`);
    if (shards !== undefined) throw new UsageError(`--shards ${shards} is the count for a scheduler's index; --shard ${flag} names its own`);
    return { shard: { index: k - 1, count: n }, from: `--shard ${flag}` };
  }
  const index = env[KUBERNETES.index];
  if (index !== undefined) {
    const count = countOf(shards, env, KUBERNETES.count, KUBERNETES.index);
    const i = whole(index);
    if (i === null || i >= count) throw new UsageError(`${KUBERNETES.index} must be a whole number below the shard count ${count}, got ${index}`);
    return { shard: { index: i, count }, from: `${KUBERNETES.index}=${index}` };
  }
  const id = env[SLURM.id];
  if (id !== undefined) {
    const count = countOf(shards, env, SLURM.count, SLURM.id);
    const [task, min, step] = [whole(id), whole(env[SLURM.min]) ?? 0, whole(env[SLURM.step]) ?? 1];
    const i = task === null || step < 1 ? NaN : (task - min) / step;
    if (!Number.isInteger(i) || i < 0 || i >= count) {
      throw new UsageError(`${SLURM.id} ${id} is not one of ${count} tasks from ${min} in steps of ${step}: submit with --array=0-${count - 1}`);
    }
    return { shard: { index: i, count }, from: `${SLURM.id}=${id}` };
  }
  if (shards !== undefined) throw new UsageError(`--shards ${shards} needs ${KUBERNETES.index} or ${SLURM.id} to name the shard; else pass --shard K/N`);
  return null;
}
