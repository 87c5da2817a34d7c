import { parseArgs } from "node:util";
import { buildPaths, defaultDirs, goldDir, goldPaths } from "./lib/paths.ts";
import { evalReport } from "./eval/eval-report.ts";

/**
 * `make eval`: scores the build against every gold set (targets of the development articles, the structure of the
 * corpus, the outcome links); markdown on stdout. --details lists every disagreement by part.
 */
const { values } = parseArgs({
  options: {
    build: { type: "string", default: defaultDirs.build },
    gold: { type: "string", default: goldDir },
    details: { type: "boolean", default: false },
  },
});
const report = await evalReport(buildPaths({ ...defaultDirs, build: values.build }), goldPaths(values.gold), { details: values.details });
process.stdout.write(report ?? "No article of the build is named by a gold set.\n");
