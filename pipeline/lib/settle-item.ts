import { IoError } from "./io-error.ts";
import { PipelineError } from "./pipeline-error.ts";

export type TaskFn = (input: unknown) => unknown;
/** A failure that stops the run (`stops`) carries what rebuilds it in the pool's thread: an IoError's code and path. */
export type Outcome = { ms: number } & ({ ok: true; value: unknown } | { ok: false; message: string; stops?: { io?: { code: string; path: string } } });
/** What a worker posts: it is ready (its task loaded), or one item's outcome. */
export type Message = (Outcome & { index: number }) | { ready: true };

export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The export of a task's module that the pool runs; a missing one fails the pool, naming the module. */
export function taskFunction(namespace: Record<string, unknown>, module: string, exportName: string): TaskFn {
  const fn = namespace[exportName];
  if (typeof fn !== "function") throw new Error(`${module} has no function export ${exportName}`);
  return fn as TaskFn;
}

/** Runs an item, timed; a throw is the item's failure, unless it is the run's (a full disk, a changed build file). */
export async function settle(fn: TaskFn, item: unknown): Promise<Outcome> {
  const started = performance.now();
  try {
    const value = await fn(item);
    return { ok: true, value, ms: performance.now() - started };
  } catch (error) {
    const stops = error instanceof PipelineError && error.stopsRun ? { io: error instanceof IoError ? { code: error.code, path: error.path } : undefined } : undefined;
    return { ok: false, message: messageOf(error), ms: performance.now() - started, stops };
  }
}
