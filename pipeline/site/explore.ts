import { access } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { defaultDirs } from "../paths.ts";
import { readDatasetInfo } from "../publish/dataset-info.ts";
import { buildSite } from "./build-site.ts";
import { serveSite } from "./serve-site.ts";

// make explore: the explorer of the current release, built once into the build folder and served on 127.0.0.1.
// The site goes to build/, not into dist/v<version>/: a published release folder is never written to.
const { values } = parseArgs({
  options: {
    dist: { type: "string", default: defaultDirs.dist },
    build: { type: "string", default: defaultDirs.build },
    port: { type: "string", default: "8765" },
  },
});
const { version } = readDatasetInfo();
const release = join(values.dist, `v${version}`);
const site = join(values.build, "site", `v${version}`);
if (!(await access(join(site, "index.html")).then(() => true, () => false))) {
  const { files } = await buildSite(release, site);
  console.log(`explore: built ${files.length} files from ${release} into ${site}`);
}
const { url } = await serveSite(site, Number(values.port));
console.log(`explore: v${version} at ${url} (Ctrl-C to stop; delete ${site} to rebuild)`);
