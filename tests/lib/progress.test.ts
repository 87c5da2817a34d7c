import { describe, expect, it, vi } from "vitest";
import { startProgress } from "../../pipeline/lib/progress.ts";

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (text: string) => writes.push(text) }, writes };
}

describe("startProgress", () => {
  it("logs plain lines every N items when not on a terminal", () => {
    let clock = 0;
    const { stream, writes } = fakeStream(false);
    const progress = startProgress({ label: "normalize", total: 25, stream, everyItems: 10, everyMs: 60_000, now: () => clock });
    for (let i = 0; i < 25; i++) {
      clock += 100;
      progress.tick();
    }
    progress.done();
    expect(writes).toEqual([
      "normalize: 10/25 (40%) 10.0/s 1.0 s, 1.5 s left\n",
      "normalize: 20/25 (80%) 10.0/s 2.0 s, 0.5 s left\n",
      "normalize: 25/25 (100%) 10.0/s 2.5 s\n",
    ]);
  });

  it("logs after everyMs even when few items passed", () => {
    let clock = 0;
    const { stream, writes } = fakeStream(false);
    const progress = startProgress({ label: "extract", stream, everyItems: 1000, everyMs: 5000, now: () => clock });
    clock = 6000;
    progress.tick(3);
    expect(writes).toEqual(["extract: 3 0.5/s 6.0 s\n"]);
  });

  it("logs on a timer while no item finishes (one slow article in a worker), and stops at done", () => {
    vi.useFakeTimers();
    try {
      let clock = 0;
      const { stream, writes } = fakeStream(false);
      const progress = startProgress({ label: "extract", total: 3, stream, everyMs: 10_000, now: () => clock });
      clock = 10_000;
      vi.advanceTimersByTime(10_000);
      clock = 20_000;
      vi.advanceTimersByTime(10_000);
      expect(writes).toEqual(["extract: 0/3 (0%) 0.0/s 10.0 s\n", "extract: 0/3 (0%) 0.0/s 20.0 s\n"]);
      progress.done();
      vi.advanceTimersByTime(60_000);
      expect(writes).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it("stops its timer without a line when the run failed", () => {
    vi.useFakeTimers();
    try {
      let clock = 0;
      const { stream, writes } = fakeStream(false);
      const progress = startProgress({ label: "ingest", total: 38, stream, everyMs: 10_000, now: () => clock });
      progress.tick(4);
      progress.stop();
      clock = 60_000;
      vi.advanceTimersByTime(60_000);
      expect(writes).toEqual([]);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("redraws one line with a bar on a terminal, then ends it", () => {
    let clock = 0;
    const { stream, writes } = fakeStream(true);
    const progress = startProgress({ label: "ingest", total: 4, stream, now: () => clock });
    for (let i = 0; i < 4; i++) {
      clock += 500;
      progress.tick();
    }
    progress.done();
    expect(writes.every((w) => w.startsWith("\r"))).toBe(true);
    expect(writes.at(-1)).toBe(`\ringest: [${"#".repeat(24)}] 4/4 (100%) 2.0/s 2.0 s\x1b[K\n`);
    expect(writes.slice(0, -1).join("")).not.toContain("\n");
  });

  it("estimates the time left from the items that took work, not from cache hits", () => {
    let clock = 0;
    const { stream, writes } = fakeStream(false);
    const progress = startProgress({ label: "extract", total: 1000, stream, everyItems: 100, everyMs: Infinity, now: () => clock });
    // 600 hits in no time, then 100 items at 2 s each: 300 left at 2 s each is 10 min.
    progress.skip(600);
    for (let i = 0; i < 100; i++) {
      clock += 2000;
      progress.tick();
    }
    expect(writes).toEqual(["extract: 600/1000 (60%) -/s 0.0 s\n", "extract: 700/1000 (70%) 3.5/s 3 min 20 s, 10 min 00 s left\n"]);
    clock += 7200_000;
    progress.tick(299);
    expect(writes.at(-1)).toBe("extract: 999/1000 (99%) 0.1/s 2 h 03 min, 18.5 s left\n");
  });

  it("shows the time left on a terminal's bar while items remain", () => {
    let clock = 0;
    const { stream, writes } = fakeStream(true);
    const progress = startProgress({ label: "ingest", total: 4, stream, now: () => clock });
    clock += 500;
    progress.tick();
    expect(writes).toEqual([`\ringest: [${"#".repeat(6).padEnd(24, ".")}] 1/4 (25%) 2.0/s 0.5 s, 1.5 s left\x1b[K`]);
  });
});
