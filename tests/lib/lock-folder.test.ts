import { spawnSync } from "node:child_process";
import { readdir, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lockFolder } from "../../pipeline/lib/lock-folder.ts";
import { tempDir } from "../helpers.ts";

describe("lockFolder", () => {
  it("runs two holders of one folder one after the other; the second says whom it waits for", async () => {
    const dir = await tempDir("lock-");
    const events: string[] = [];
    let release = () => {};
    const first = lockFolder(dir, "stages", () => {}, async () => {
      events.push("first in");
      await new Promise<void>((resolve) => (release = resolve));
      events.push("first out");
    });
    await expect.poll(() => events).toEqual(["first in"]);
    const logs: string[] = [];
    const second = lockFolder(dir, "stages", (m) => logs.push(m), async () => void events.push("second in"));
    await expect.poll(() => logs).toEqual([expect.stringMatching(new RegExp(`^${dir} is locked by pid ${process.pid} on .* since .*: waiting for it to finish \\(if no such run is going on, remove ${dir}/\\.stages\\.lock\\)$`))]);
    expect(events).toEqual(["first in"]);
    release();
    await Promise.all([first, second]);
    expect(events).toEqual(["first in", "first out", "second in"]);
    expect(await readdir(dir)).toEqual([]);
  });

  it("takes over at once from a holder that is gone (kill -9, a crash), and frees the lock when the work fails", async () => {
    const dir = await tempDir("lock-");
    const { pid } = spawnSync(process.execPath, ["-e", ""]);
    await writeFile(join(dir, ".publish.lock"), JSON.stringify({ pid, host: hostname(), command: "cli.ts publish", since: "2026-01-01T00:00:00.000Z", token: "dead" }));
    const logs: string[] = [];
    await expect(lockFolder(dir, "publish", (m) => logs.push(m), async () => Promise.reject(new Error("work failed")))).rejects.toThrow("work failed");
    // Taken over, never waited for: no "is locked by" line.
    expect(logs).toEqual([`${dir}: taking over the publish lock of pid ${pid} (cli.ts publish), which is no longer running`]);
    expect(await readdir(dir)).toEqual([]);
  });
});
