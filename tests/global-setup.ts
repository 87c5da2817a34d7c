import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { defaultDirs, type Dirs } from "../pipeline/lib/paths.ts";
import { runStages } from "../pipeline/stages/run-stages.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** One build of raw/ (every stage, --jobs 1, into a fresh dist) that the end-to-end, release and reader tests read. */
    sharedBuild: Dirs & { log: string[] };
  }
}

/**
 * Runs the whole pipeline once per test run, in this thread: every test that needs a build reads this one, and
 * a test that must change it works on a copy (`copyOfSharedBuild`). Worker threads run only in the pool's tests.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), "plans-shared-"));
  const dirs: Dirs = { raw: defaultDirs.raw, build: join(root, "build"), dist: join(root, "dist") };
  const log: string[] = [];
  await runStages("all", { dirs, jobs: 1, log: (m) => log.push(m) });
  project.provide("sharedBuild", { ...dirs, log });
  return () => rm(root, { recursive: true, force: true });
}
