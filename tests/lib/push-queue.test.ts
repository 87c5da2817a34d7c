import { describe, expect, it } from "vitest";
import { PushQueue } from "../../pipeline/lib/push-queue.ts";

describe("PushQueue", () => {
  it("hands items over in order and holds the producer until each is taken", async () => {
    const queue = new PushQueue<number>();
    const events: string[] = [];
    const producer = (async () => {
      for (const n of [1, 2, 3]) {
        await queue.push(n);
        events.push(`taken ${n}`);
      }
      queue.close();
    })();
    const seen: number[] = [];
    for await (const n of queue) {
      events.push(`got ${n}`);
      seen.push(n);
      // The producer may not push the next item while this one is being handled.
      await new Promise((r) => setTimeout(r, 5));
      expect(events.filter((e) => e.startsWith("taken")).length).toBeLessThanOrEqual(n);
    }
    await producer;
    expect(seen).toEqual([1, 2, 3]);
  });

  it("ends an idle consumer on close and refuses a push after it", async () => {
    const queue = new PushQueue<string>();
    const consumed = (async () => {
      const items: string[] = [];
      for await (const s of queue) items.push(s);
      return items;
    })();
    await new Promise((r) => setTimeout(r, 5));
    queue.close();
    expect(await consumed).toEqual([]);
    await expect(queue.push("late")).rejects.toThrow("push after close");
  });
});
