import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { bundleTask } from "./bundle-task.ts";
import { IoError } from "./io-error.ts";
import { RunError } from "./pipeline-error.ts";
import type { ServedTask } from "./serve-pool-task.ts";
import { messageOf, settle, taskFunction, type Message, type Outcome } from "./settle-item.ts";

/** A pure per-item function, named by module and export so that every worker can load it itself. */
export interface PoolTask {
  module: URL;
  exportName: string;
}

export interface PoolOptions<I> {
  /** Worker threads; 1 runs in this thread, without workers. */
  jobs?: number;
  /** Items handed out but not yet yielded (running or waiting for an earlier item): bounds memory. */
  window?: number;
  /** Names an item in error messages, e.g. by its article id. */
  name?: (item: I) => string;
  /**
   * Longest an item may run, in ms: past it the item fails. A worker is stopped on time; in this thread (jobs 1)
   * nothing can stop a running item, so it fails when it returns, and every job count gives the same verdict.
   */
  budgetMs?: number;
}

/** What became of one item: its value, or why there is none; `ms` is how long it ran. */
export type Settled<O> = { ok: true; value: O; ms: number } | { ok: false; reason: string; ms: number };

/**
 * Items a worker holds at once: while one waits for its file reads and writes, the next one computes, so I/O
 * latency does not leave a core idle (ingest at N = 20,000 spent most of its time waiting).
 */
const ITEMS_PER_WORKER = 2;

const loadTask = async ({ module, exportName }: PoolTask) => taskFunction((await import(module.href)) as Record<string, unknown>, module.href, exportName);

function labelled(label: string, error: unknown): Error {
  return new Error(`${label}: ${messageOf(error)}`, { cause: error });
}

/** A worker that loads the task's bundle (bundle-task.ts) as plain JavaScript and serves it. */
function startWorker(bundle: URL, task: PoolTask): Worker {
  const boot = `import(${JSON.stringify(bundle.href)}).then((m) => m.serve(m.task))`;
  return new Worker(boot, { eval: true, workerData: { module: task.module.href, exportName: task.exportName } satisfies ServedTask });
}

/** The error that stops the run, as the item's thread threw it; its message already names the path, not the item. */
const stopping = (outcome: Outcome): Error | null =>
  outcome.ok || !outcome.stops ? null : outcome.stops.io ? new IoError(outcome.stops.io.code, outcome.stops.io.path, outcome.message) : new RunError(outcome.message);

const toSettled = <O>(outcome: Outcome): Settled<O> =>
  outcome.ok ? { ok: true, value: outcome.value as O, ms: outcome.ms } : { ok: false, reason: outcome.message, ms: outcome.ms };

const overBudget = (budgetMs: number) => `ran past the time budget of ${budgetMs / 1000} s`;

async function* mapInThread<I, O>(items: AsyncIterable<I> | Iterable<I>, task: PoolTask, budgetMs: number | undefined): AsyncGenerator<Settled<O>> {
  const fn = await loadTask(task);
  for await (const item of items) {
    const outcome = await settle(fn, item);
    const stops = stopping(outcome);
    if (stops) throw stops;
    yield budgetMs !== undefined && outcome.ms > budgetMs ? { ok: false, reason: overBudget(budgetMs), ms: outcome.ms } : toSettled<O>(outcome);
  }
}

interface Job<I> {
  index: number;
  item: I;
  /** Runs with no other item beside it: it was in a worker that overran or crashed while holding two. */
  alone: boolean;
}

interface Slot<I> {
  worker: Worker;
  ready: boolean;
  /** Items handed to this worker and not answered, in the order they were handed out. */
  jobs: Array<{ job: Job<I>; timer?: NodeJS.Timeout }>;
  /** Set when we stop the worker, so its exit is not taken for a crash. */
  stopped: boolean;
  error?: Error;
}

/**
 * Maps a pure function over items on `jobs` worker threads and yields what became of each, in input order,
 * whatever order the workers finish in, so the output is the same for every job count. Items are pulled from the
 * input only while fewer than `window` are outstanding, so a stream of any length runs in flat memory; workers
 * start only when there is work for them, so an empty input costs nothing.
 *
 * One item never stops the others: a throw fails that item; an item that runs past `budgetMs`, or whose worker
 * crashes, fails too, and its worker is replaced. Only a failure that is the run's (PipelineError.stopsRun: a full
 * disk, a build file changed since it was recorded) stops the pool, and is thrown as it was. A worker holding two items when that happens cannot tell which
 * one overran, so both run again, each alone. A task that cannot be loaded stops the pool (it fails every item).
 */
export async function* mapInWorkers<I, O>(
  items: AsyncIterable<I> | Iterable<I>,
  task: PoolTask,
  { jobs = availableParallelism(), window = jobs * 4, name = String, budgetMs }: PoolOptions<I> = {},
): AsyncGenerator<Settled<O>> {
  if (jobs <= 1) {
    yield* mapInThread<I, O>(items, task, budgetMs);
    return;
  }
  const iterator = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : (items as Iterable<I>)[Symbol.iterator]();
  const names = new Map<number, string>();
  const settled = new Map<number, Settled<O>>();
  const waiting: Array<Job<I>> = [];
  const slots = new Set<Slot<I>>();
  /** The task's bundle, made when the first item comes: an empty input starts no worker and bundles nothing. */
  let bundle: URL | null = null;
  let failure: Error | null = null;
  let wake: () => void = () => {};

  const startClock = (slot: Slot<I>, entry: Slot<I>["jobs"][number]) => {
    if (budgetMs !== undefined && slot.ready) entry.timer = setTimeout(() => overran(slot, entry.job), budgetMs);
  };
  const fail = (job: Job<I>, reason: string) => {
    settled.set(job.index, { ok: false, reason, ms: budgetMs ?? 0 });
  };
  /** Stops a worker that overran or crashed: the item is failed when it was alone, otherwise all it held run again alone. */
  const retire = (slot: Slot<I>, job: Job<I>, reason: string) => {
    if (!slots.delete(slot)) return;
    slot.stopped = true;
    for (const { timer } of slot.jobs) clearTimeout(timer);
    if (slot.jobs.length === 1) fail(job, reason);
    else waiting.unshift(...slot.jobs.map(({ job: j }) => ({ ...j, alone: true })));
    void slot.worker.terminate();
    pump();
    wake();
  };
  const overran = (slot: Slot<I>, job: Job<I>) => retire(slot, job, overBudget(budgetMs!));

  const spawn = () => {
    const slot: Slot<I> = { worker: startWorker(bundle!, task), ready: false, jobs: [], stopped: false };
    slots.add(slot);
    slot.worker.on("message", (message: Message) => {
      if (slot.stopped) return;
      if ("ready" in message) {
        slot.ready = true;
        for (const entry of slot.jobs) startClock(slot, entry);
        return;
      }
      const at = slot.jobs.findIndex(({ job }) => job.index === message.index);
      if (at < 0) return;
      clearTimeout(slot.jobs[at]!.timer);
      slot.jobs.splice(at, 1);
      const stops = stopping(message);
      if (stops) failure ??= stops;
      else settled.set(message.index, toSettled<O>(message));
      pump();
      wake();
    });
    slot.worker.on("error", (error) => (slot.error = error));
    slot.worker.on("exit", (code) => {
      if (slot.stopped) return;
      const first = slot.jobs[0]?.job;
      const reason = slot.error?.message ?? `exited with code ${code}`;
      // A worker that dies before its task loads would fail every item the same way: that is the pool's failure.
      if (!slot.ready) {
        slots.delete(slot);
        failure ??= labelled(first ? (names.get(first.index) ?? String(first.index)) : "a pool worker", reason);
        wake();
      } else if (first) retire(slot, first, `its worker crashed: ${reason}`);
      else {
        slots.delete(slot);
        pump();
      }
    });
    return slot;
  };
  const room = (slot: Slot<I>, job: Job<I>) =>
    slot.jobs.length === 0 || (slot.jobs.length < ITEMS_PER_WORKER && !job.alone && !slot.jobs.some(({ job: j }) => j.alone));
  /** Hands out waiting items: every core gets a worker before any worker gets a second item. */
  const pump = () => {
    while (waiting.length > 0 && !failure) {
      const job = waiting[0]!;
      const slot = [...slots].find((s) => s.jobs.length === 0) ?? (slots.size < jobs ? spawn() : [...slots].find((s) => room(s, job)));
      if (!slot) return;
      waiting.shift();
      const entry = { job };
      slot.jobs.push(entry);
      startClock(slot, entry);
      slot.worker.postMessage({ index: job.index, item: job.item });
    }
  };

  let pulled = 0;
  let yielded = 0;
  let exhausted = false;
  try {
    while (true) {
      while (!exhausted && pulled - yielded < window) {
        const next = await iterator.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        bundle ??= await bundleTask(task.module);
        names.set(pulled, name(next.value));
        waiting.push({ index: pulled++, item: next.value, alone: false });
        pump();
      }
      const result = settled.get(yielded);
      if (result) {
        settled.delete(yielded);
        names.delete(yielded);
        yielded++;
        yield result;
        continue;
      }
      if (exhausted && yielded === pulled) return;
      if (failure) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    for (const slot of slots) {
      slot.stopped = true;
      for (const { timer } of slot.jobs) clearTimeout(timer);
    }
    await Promise.all([...slots].map((slot) => slot.worker.terminate()));
  }
}
