import { parentPort, workerData } from "node:worker_threads";
import { settle, taskFunction, type Message } from "./settle-item.ts";

/** What the pool hands a worker: the task's module (for messages) and the export to run. */
export interface ServedTask {
  module: string;
  exportName: string;
}

/** The worker side of the pool: runs each item it is sent through the task, and answers with its outcome. */
export function serve(task: Record<string, unknown>): void {
  const { module, exportName } = workerData as ServedTask;
  const port = parentPort!;
  const fn = taskFunction(task, module, exportName);
  port.on("message", async ({ index, item }: { index: number; item: unknown }) => {
    port.postMessage({ index, ...(await settle(fn, item)) } satisfies Message);
  });
  port.postMessage({ ready: true } satisfies Message);
}
