import { access } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { defaultDirs } from "../lib/paths.ts";
import { readDatasetInfo } from "../publish/dataset-info.ts";
import { serveSite } from "./serve-site.ts";

// make explore: serves the current release's explorer (dist/v<version>/site/, written by publish) on 127.0.0.1.
// The page fetches its data shards, which a browser refuses from file://, hence a server.
const { values } = parseArgs({
  options: {
    dist: { type: "string", default: defaultDirs.dist },
    port: { type: "string", default: "8765" },
  },
});
const { version } = readDatasetInfo();
const site = join(values.dist, `v${version}`, "site");
if (!(await access(join(site, "index.html")).then(() => true, () => false))) {
  console.error(`explore: ${site} has no explorer: run make publish first`);
  process.exit(1);
}
const { url } = await serveSite(site, Number(values.port));
console.log(`explore: v${version} at ${url} (Ctrl-C to stop)`);
