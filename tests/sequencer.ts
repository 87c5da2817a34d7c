import { readFileSync } from "node:fs";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** A test file that reads the shared build names its helper (tests/helpers.ts). */
const READS_SHARED_BUILD = /\b(?:sharedBuild|copyOfSharedBuild)\(/u;

/**
 * Vitest's order (slowest first, from its last run), with the files that do not read the shared build first: they
 * run while the build does (tests/global-setup.ts), and a file that reads it waits only if it comes early. The
 * order decides how long the run takes, never what a test finds.
 */
export class SharedBuildLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const reads = new Map(sorted.map((f) => [f, READS_SHARED_BUILD.test(readFileSync(f.moduleId, "utf8"))]));
    return [...sorted.filter((f) => !reads.get(f)), ...sorted.filter((f) => reads.get(f))];
  }
}
