import { defineConfig } from "vitest/config";
import { SharedBuildLast } from "./tests/sequencer.ts";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // One pipeline build per run, read by every test that needs one (tests/global-setup.ts).
    globalSetup: ["tests/global-setup.ts"],
    // The files that do not read that build run first, beside it.
    sequence: { sequencer: SharedBuildLast },
    // Removes the temporary folders a file made outside its tests, once its tests are done.
    setupFiles: ["tests/clean-up.ts"],
    // Test files share two threads and their loaded modules (jieba's dictionary, OpenCC, Arrow): measured on this
    // 2-core machine, forks with isolation took 51 s of vitest time, threads without isolation 26 s. Tests keep no
    // state of their own between files: spies are restored, folders are temporary.
    pool: "threads",
    isolate: false,
    // Vitest leaves one core free by default (one worker on two cores); the suite is the only work here.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
