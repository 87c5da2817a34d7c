import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { defaultDirs } from "../../pipeline/lib/paths.ts";
import { runStages } from "../../pipeline/stages/run-stages.ts";
import { canMountTmpfs, smallDisk } from "../helpers.ts";

describe.skipIf(!canMountTmpfs())("a full disk is the folder's problem, said with the path", () => {
  // jobs 2 sends the failure across a worker thread, which keeps only what the reply carries.
  it.each([1, 2])("ENOSPC in the build (jobs %i) names the folder and the file, blames no article, and leaves no progress timer", async (jobs) => {
    const disk = await smallDisk({ bytes: 64 * 1024, inodes: 10_000 });
    const build = join(disk.dir, "build");
    // Only intervals are faked: the progress report's timer is one, and the run's I/O and workers keep real time.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const run = runStages("ingest", { dirs: { raw: defaultDirs.raw, build, dist: join(disk.dir, "dist") }, jobs, log: () => {} });
      const files = `${build}/ingest/files`;
      await expect(run).rejects.toThrow(new RegExp(`^the disk holding ${files} is full \\(ENOSPC while writing ${files}/[^ ]+\\): free space there`));
      await expect(run).rejects.toMatchObject({ name: "IoError", code: "ENOSPC" });
      // A timer left running would go on printing "ingest: 4/38" for the rest of a long-lived process.
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
