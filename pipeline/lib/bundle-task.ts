import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";
import { sha256Hex } from "./hash.ts";
import { projectRoot } from "./paths.ts";

/** Where bundles live: inside the project, so the packages they leave out resolve from node_modules as before. */
const BUNDLES = join(projectRoot, "node_modules", ".cache", "pool-workers");
const SERVE = new URL("./serve-pool-task.ts", import.meta.url);
/** A bundle no run has used for this long is code that has since changed: it is removed, so the folder stays small. */
const UNUSED_MS = 7 * 24 * 3600 * 1000;

/**
 * Each module keeps its own `import.meta.url` (the file it was written in), so paths that modules find beside
 * themselves (`projectRoot`, `createRequire`) are the same in the bundle as in the source.
 */
const ownUrls: Plugin = {
  name: "own-import-meta-url",
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async ({ path }) => ({
      contents: (await readFile(path, "utf8")).replaceAll("import.meta.url", JSON.stringify(pathToFileURL(path).href)),
      loader: "ts",
    }));
    // A task that is not a file (a data: URL in the tests) is plain JavaScript that Node loads itself.
    b.onResolve({ filter: /^data:/ }, ({ path }) => ({ path, external: true }));
  },
};

/**
 * One ES module file holding a pool task's module, everything of the project it imports, and the worker side of
 * the pool (packages stay imports): a worker loads it as plain JavaScript. Through tsx each worker took a loader
 * thread of its own and a round trip to it per module: a process starting extract's two workers took 2.03 CPU-s,
 * 1.06 this way. Named by its content, so runs that bundle the same code share one file, and a file is never
 * half-written; using a bundle marks it used (its mtime), and bundles unused for a week are removed.
 */
export async function bundleTask(module: URL): Promise<URL> {
  const entry = `export { serve } from ${JSON.stringify(fileURLToPath(SERVE))};\nexport * as task from ${JSON.stringify(module.protocol === "file:" ? fileURLToPath(module) : module.href)};\n`;
  const { outputFiles } = await build({
    stdin: { contents: entry, resolveDir: projectRoot, loader: "js", sourcefile: "pool-worker-entry.js" },
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "silent",
    plugins: [ownUrls],
  });
  const code = outputFiles[0]!.text;
  // Any import.meta left would be the bundle's own: a module that reads it must be taught to the plugin first.
  if (code.includes("import.meta")) throw new Error(`bundling ${module.href} for the pool's workers left an import.meta it cannot keep`);
  const path = join(BUNDLES, `${sha256Hex(code).slice(0, 16)}.mjs`);
  const now = new Date();
  if (existsSync(path)) await utimes(path, now, now);
  else {
    await mkdir(BUNDLES, { recursive: true });
    const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temporary, code);
    await rename(temporary, path);
  }
  for (const name of await readdir(BUNDLES)) {
    const other = join(BUNDLES, name);
    // Another run may remove the same file first.
    const used = await stat(other).then((s) => s.mtimeMs, () => now.getTime());
    if (now.getTime() - used > UNUSED_MS) await rm(other, { force: true });
  }
  return pathToFileURL(path);
}
