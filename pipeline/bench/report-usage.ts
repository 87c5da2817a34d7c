import { writeFileSync } from "node:fs";

/**
 * Preloaded into each benchmarked process (`--import`): on exit it writes the process's own peak RSS and CPU
 * time (all threads, so worker pools count) to $BENCH_USAGE_FILE. Works wherever Node runs, unlike /usr/bin/time.
 */
const target = process.env.BENCH_USAGE_FILE;
if (target) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRssKb: usage.maxRSS, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 }));
  });
}
