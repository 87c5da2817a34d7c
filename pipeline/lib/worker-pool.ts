import { availableParallelism } from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { IoError } from "./io-error.ts";
import { PipelineError } from "./pipeline-error.ts";

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
}

type TaskFn = (input: unknown) => unknown;
type Failure = { index: number; ok: false; message: string; stack?: string; pipeline: boolean; io?: { code: string; path: string } };
type Reply = { index: number; ok: true; value: unknown } | Failure;

const POOL_WORKER = "district-plans:worker-pool";
/**
 * Items a worker holds at once: while one waits for its file reads and writes, the next one computes, so I/O
 * latency does not leave a core idle (ingest at N = 20,000 spent most of its time waiting).
 */
const ITEMS_PER_WORKER = 2;

async function loadTask({ module, exportName }: PoolTask): Promise<TaskFn> {
  const fn = ((await import(module.href)) as Record<string, unknown>)[exportName];
  if (typeof fn !== "function") throw new Error(`${module.href} has no function export ${exportName}`);
  return fn as TaskFn;
}

function labelled(label: string, error: unknown): Error {
  // A full disk is the fault of the folder being written, not of the item that happened to be writing.
  if (error instanceof IoError && error.diskFull) return error;
  const message = `${label}: ${error instanceof Error ? error.message : String(error)}`;
  return error instanceof PipelineError ? new PipelineError(message, { cause: error }) : new Error(message, { cause: error });
}

/** A worker's error as this thread sees it: one the user can act on stays one, so it prints without a stack. */
function revived(reply: Failure): Error {
  if (reply.io) return new IoError(reply.io.code, reply.io.path, reply.message);
  if (reply.pipeline) return new PipelineError(reply.message);
  return Object.assign(new Error(reply.message), { stack: reply.stack });
}

/**
 * Node 20 ignores loader flags in a worker's execArgv (nodejs/node#47747), so each worker boots as plain
 * JavaScript, loads tsx's API and imports this module through it; the module then serves as the worker below.
 */
function startWorker(task: PoolTask): Worker {
  const boot = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
    .then((tsx) => tsx.tsImport(${JSON.stringify(import.meta.url)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(boot, { eval: true, workerData: { [POOL_WORKER]: { module: task.module.href, exportName: task.exportName } } });
}

async function* mapInThread<I, O>(items: AsyncIterable<I> | Iterable<I>, task: PoolTask, name: (item: I) => string): AsyncGenerator<O> {
  const fn = await loadTask(task);
  for await (const item of items) {
    let value: unknown;
    try {
      value = await fn(item);
    } catch (error) {
      throw labelled(name(item), error);
    }
    yield value as O;
  }
}

/**
 * Maps a pure function over items on `jobs` worker threads and yields the results in input order, whatever
 * order the workers finish in, so the output is the same for every job count. Items are pulled from the
 * input only while fewer than `window` are outstanding, so a stream of any length runs in flat memory;
 * workers start only when there is work for them, so an empty input costs nothing.
 * The first failing item (in input order) stops the pool and is thrown with its name.
 */
export async function* mapInWorkers<I, O>(
  items: AsyncIterable<I> | Iterable<I>,
  task: PoolTask,
  { jobs = availableParallelism(), window = jobs * 4, name = String }: PoolOptions<I> = {},
): AsyncGenerator<O> {
  if (jobs <= 1) {
    yield* mapInThread<I, O>(items, task, name);
    return;
  }
  const iterator = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : (items as Iterable<I>)[Symbol.iterator]();
  const names = new Map<number, string>();
  const replies = new Map<number, Reply>();
  const waiting: Array<{ index: number; item: I }> = [];
  // A worker is "idle" while it has room for another item; it may appear once per free slot.
  const idle: Worker[] = [];
  const running = new Map<Worker, number[]>();
  let failure: Error | null = null;
  let wake: () => void = () => {};
  const workers: Worker[] = [];
  // Started on demand, so a rebuild with one changed article pays for one worker's start-up, not `jobs`.
  const spawnWorker = () => {
    const worker = startWorker(task);
    workers.push(worker);
    running.set(worker, []);
    worker.on("message", (reply: Reply) => {
      replies.set(reply.index, reply);
      running.set(worker, running.get(worker)!.filter((index) => index !== reply.index));
      dispatch(worker);
      wake();
    });
    worker.on("error", (error) => {
      const index = running.get(worker)?.[0];
      failure ??= index === undefined ? error : labelled(names.get(index) ?? String(index), error);
      wake();
    });
    worker.on("exit", (code) => {
      failure ??= new Error(`a pool worker exited early with code ${code}`);
      wake();
    });
    for (let slot = 1; slot < ITEMS_PER_WORKER; slot++) idle.push(worker);
    return worker;
  };
  const dispatch = (worker: Worker) => {
    const next = waiting.shift();
    if (!next) return void idle.push(worker);
    running.get(worker)!.push(next.index);
    worker.postMessage(next);
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
        names.set(pulled, name(next.value));
        waiting.push({ index: pulled++, item: next.value });
        // Every core gets a worker before any worker gets a second item.
        const worker = workers.length < jobs ? spawnWorker() : idle.shift();
        if (worker) dispatch(worker);
      }
      const reply = replies.get(yielded);
      if (reply) {
        replies.delete(yielded);
        const label = names.get(yielded) ?? String(yielded);
        names.delete(yielded);
        yielded++;
        if (!reply.ok) throw labelled(label, revived(reply));
        yield reply.value as O;
        continue;
      }
      if (exhausted && yielded === pulled) return;
      if (failure) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    for (const worker of workers) worker.removeAllListeners("exit");
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

async function serve(port: NonNullable<typeof parentPort>, task: PoolTask): Promise<void> {
  const fn = await loadTask(task);
  port.on("message", async ({ index, item }: { index: number; item: unknown }) => {
    try {
      port.postMessage({ index, ok: true, value: await fn(item) } satisfies Reply);
    } catch (error) {
      const { message, stack } = error instanceof Error ? error : { message: String(error), stack: undefined };
      const io = error instanceof IoError ? { code: error.code, path: error.path } : undefined;
      port.postMessage({ index, ok: false, message, stack, pipeline: error instanceof PipelineError, io } satisfies Reply);
    }
  });
}

const served = (workerData as Record<string, { module: string; exportName: string }> | null)?.[POOL_WORKER];
if (!isMainThread && parentPort && served) await serve(parentPort, { module: new URL(served.module), exportName: served.exportName });
