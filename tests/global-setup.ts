import { spawn } from "node:child_process";
import { openSync, closeSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { defaultDirs, projectRoot, type Dirs } from "../pipeline/lib/paths.ts";
import { SCHEDULER_VARIABLES } from "../pipeline/parse-shard.ts";

/** How the shared build's process ended, written to its done file once it has: what `sharedBuild()` reports. */
export interface SharedBuildOutcome {
  code: number | null;
  signal: string | null;
  /** Why the process could not start. */
  error?: string;
  /** Its output, both streams. */
  log: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    /**
     * One build of raw/ (every stage, --jobs 1, into a fresh dist) that the end-to-end, release and reader tests
     * read, and the file that says it is done (`sharedBuild()` in tests/helpers.ts waits for it).
     */
    sharedBuild: Dirs & { done: string };
  }
}

/**
 * Starts the whole pipeline once per test run, as `make publish` runs it (the command line, one thread), and
 * returns at once: the test files that do not read the build run meanwhile on the other core (tests/sequencer.ts
 * queues them first), rather than that core idling while the build runs. Every test that reads the build waits for
 * it; one that must change it works on a copy (`copyOfSharedBuild`).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), "plans-shared-"));
  const dirs: Dirs = { raw: defaultDirs.raw, build: join(root, "build"), dist: join(root, "dist") };
  const done = join(root, "done.json");
  const log = join(root, "build.log");
  const out = openSync(log, "w");
  const child = spawn(process.execPath, ["--import", "tsx", "pipeline/cli.ts", "all", "--jobs", "1", "--raw", dirs.raw, "--build", dirs.build, "--out", dirs.dist], {
    cwd: projectRoot,
    // A scheduler's variables would make it one shard of the corpus.
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !SCHEDULER_VARIABLES.includes(k))),
    stdio: ["ignore", out, out],
  });
  const exited = new Promise<void>((resolve) => {
    let finished = false;
    // A process that cannot start may report both an error and a close: the first one counts.
    const finish = (outcome: Omit<SharedBuildOutcome, "log">) => {
      if (finished) return;
      finished = true;
      closeSync(out);
      writeFileSync(done, JSON.stringify({ ...outcome, log } satisfies SharedBuildOutcome));
      resolve();
    };
    child.once("close", (code, signal) => finish({ code, signal }));
    child.once("error", (error) => finish({ code: null, signal: null, error: error.message }));
  });
  project.provide("sharedBuild", { ...dirs, done });
  return async () => {
    child.kill();
    await exited;
    await rm(root, { recursive: true, force: true });
  };
}
