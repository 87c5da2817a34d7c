import { existsSync } from "node:fs";
import { rm, utimes, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bundleTask } from "../../pipeline/lib/bundle-task.ts";
import { sha256Hex } from "../../pipeline/lib/hash.ts";
import { projectRoot } from "../../pipeline/lib/paths.ts";
import { mapInWorkers, type PoolTask, type Settled } from "../../pipeline/lib/worker-pool.ts";

/**
 * A task that busy-waits `spin` ms before answering, so early items can finish after later ones; `fail` throws,
 * `crash` ends its worker.
 */
const spinTask: PoolTask = {
  module: new URL(
    `data:text/javascript,${encodeURIComponent(`export function run({ id, spin, fail, crash }) {
      const end = Date.now() + spin;
      while (Date.now() < end);
      if (fail) throw new Error("bad article text");
      if (crash) process.exit(3);
      return { id };
    }`)}`,
  ),
  exportName: "run",
};

type Item = { id: string; spin: number; fail?: boolean; crash?: boolean };
const values = <O>(results: ReadonlyArray<Settled<O>>) => results.map((r) => (r.ok ? r.value : r.reason));

/** A real TypeScript module of the pipeline, bundled for the workers (pipeline/lib/bundle-task.ts). */
const hashTask: PoolTask = { module: new URL("../../pipeline/lib/hash.ts", import.meta.url), exportName: "sha256Hex" };

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of source) out.push(value);
  return out;
}

const items: Item[] = Array.from({ length: 24 }, (_, i) => ({ id: `article-${i}`, spin: i % 6 === 0 ? 40 : 1 }));

describe("mapInWorkers", () => {
  it.each([1, 2, 3])("returns results in input order with %i job(s)", async (jobs) => {
    const results = await collect(mapInWorkers<Item, { id: string }>(items, spinTask, { jobs, window: 5 }));
    expect(values(results)).toEqual(items.map((i) => ({ id: i.id })));
  });

  it("runs TypeScript modules in workers and matches the in-thread results", async () => {
    const texts = Array.from({ length: 50 }, (_, i) => `第${i}条 实施`.repeat(i + 1));
    const expected = texts.map((t) => sha256Hex(t));
    expect(values(await collect(mapInWorkers(texts, hashTask, { jobs: 1 })))).toEqual(expected);
    expect(values(await collect(mapInWorkers(texts, hashTask, { jobs: 2, window: 3 })))).toEqual(expected);
  });

  it("pulls lazily from an async source, at most `window` items ahead of the consumer", async () => {
    let pulled = 0;
    async function* source() {
      for (const item of items) {
        pulled++;
        yield item;
      }
    }
    const consumedAt: number[] = [];
    for await (const _ of mapInWorkers(source(), spinTask, { jobs: 2, window: 4 })) consumedAt.push(pulled);
    consumedAt.forEach((p, i) => expect(p - i).toBeLessThanOrEqual(4));
  });

  it("in this thread (1 job), fails a throwing item alone, with its message, and goes on with the rest", async () => {
    const failing = items.map((item, i) => (i === 7 ? { ...item, fail: true } : item));
    const results = values(await collect(mapInWorkers(failing, spinTask, { jobs: 1, name: (item) => item.id })));
    expect(results).toEqual(items.map((item, i) => (i === 7 ? "bad article text" : { id: item.id })));
  });

  // The runaway asks for ten minutes, past the test's timeout: only the budget lets the test finish.
  it("in workers, fails alone an item that throws, one that crashes its worker and one past its budget, and goes on", async () => {
    const reasons = new Map([[3, "ran past the time budget of 0.25 s"], [5, "its worker crashed: exited with code 3"], [7, "bad article text"]]);
    const bad = items.slice(0, 12).map((item, i) => (i === 3 ? { ...item, spin: 600_000 } : i === 5 ? { ...item, crash: true } : i === 7 ? { ...item, fail: true } : item));
    const results = await collect(mapInWorkers(bad, spinTask, { jobs: 2, budgetMs: 250 }));
    // Items that shared a worker with the runaway or the crash ran again alone, and came out whole.
    expect(values(results)).toEqual(bad.map((item, i) => reasons.get(i) ?? { id: item.id }));
  });

  it("in this thread (1 job), fails an item past its budget when it returns, with the workers' reason", async () => {
    const slow = items.slice(0, 4).map((item, i) => (i === 2 ? { ...item, spin: 300 } : item));
    const results = await collect(mapInWorkers(slow, spinTask, { jobs: 1, budgetMs: 100 }));
    expect(values(results)).toEqual(slow.map((item, i) => (i === 2 ? "ran past the time budget of 0.1 s" : { id: item.id })));
  });

  it("gives each worker a second item while its first waits on I/O", async () => {
    // Every item counts itself in shared memory, then waits (as for a file write) until all four have started
    // or a second has passed; one item per worker would let only two start.
    const waitTask: PoolTask = {
      module: new URL(
        `data:text/javascript,${encodeURIComponent(`export async function run(shared) {
          const started = new Int32Array(shared);
          Atomics.add(started, 0, 1);
          const until = Date.now() + 1000;
          while (Atomics.load(started, 0) < 4 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
          return Atomics.load(started, 0);
        }`)}`,
      ),
      exportName: "run",
    };
    const shared = new SharedArrayBuffer(4);
    const seen = await collect(mapInWorkers([shared, shared, shared, shared], waitTask, { jobs: 2 }));
    expect(values(seen)).toEqual([4, 4, 4, 4]);
  });

  it("starts no worker for an empty input (a no-op rebuild pays nothing)", async () => {
    const unloadable = { module: new URL("data:text/javascript,throw new Error('loaded')"), exportName: "run" };
    expect(await collect(mapInWorkers([], unloadable, { jobs: 2 }))).toEqual([]);
    await expect(collect(mapInWorkers(["x"], unloadable, { jobs: 2, name: (s) => `article ${s}` }))).rejects.toThrow("article x: loaded");
  });

  it("fails with the module when the export is missing", async () => {
    const missing = { ...hashTask, exportName: "nope" };
    await expect(collect(mapInWorkers(["x"], missing, { jobs: 1 }))).rejects.toThrow("has no function export nope");
    await expect(collect(mapInWorkers(["x", "y"], missing, { jobs: 2, name: (s) => `article ${s}` }))).rejects.toThrow("has no function export nope");
  });
});

describe("bundleTask", () => {
  it("keeps each module's own import.meta.url, so what a module finds beside itself is found from the bundle too", async () => {
    const bundle = await bundleTask(new URL("../../pipeline/lib/paths.ts", import.meta.url));
    expect(bundle.pathname.startsWith(projectRoot)).toBe(true);
    const { task } = (await import(bundle.href)) as { task: { projectRoot: string } };
    expect(task.projectRoot).toBe(projectRoot);
    // Named by its content: the same code bundles to the same file.
    expect((await bundleTask(new URL("../../pipeline/lib/paths.ts", import.meta.url))).href).toBe(bundle.href);
  });

  it("removes the bundles no run has used for a week, and keeps the one in use", async () => {
    const folder = dirname(fileURLToPath(await bundleTask(hashTask.module)));
    const stale = join(folder, `stale-${process.pid}.mjs`);
    const recent = join(folder, `recent-${process.pid}.mjs`);
    await writeFile(stale, "export {};\n");
    await writeFile(recent, "export {};\n");
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    await utimes(stale, eightDaysAgo, eightDaysAgo);
    const bundle = await bundleTask(hashTask.module);
    expect([existsSync(stale), existsSync(recent), existsSync(fileURLToPath(bundle))]).toEqual([false, true, true]);
    await rm(recent);
  });
});
