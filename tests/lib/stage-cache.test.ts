import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sha256Hex } from "../../pipeline/lib/hash.ts";
import { openFileHashes } from "../../pipeline/lib/file-hashes.ts";
import { openStageCache, storeOutput } from "../../pipeline/lib/stage-cache.ts";

let dir: string;
let entry: URL;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "stage-cache-"));
  // A tiny stage: entry → helper → data file beside it; an unrelated module in the same folder.
  await writeFile(join(dir, "stage.ts"), `import { helper } from "./helper.ts";\nexport const run = helper;\n`);
  await writeFile(join(dir, "helper.ts"), `import words from "./words.json" with { type: "json" };\nexport const helper = () => words;\n`);
  await writeFile(join(dir, "words.json"), `["实施"]\n`);
  await writeFile(join(dir, "unrelated.ts"), `export const x = 1;\n`);
  entry = pathToFileURL(join(dir, "stage.ts"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const text = "鲤城区实施“强产业、兴城市”双轮驱动。";
/** The file hashes a stage run opens beside its outputs. */
const fileHashes = () => openFileHashes(join(dir, "file-hashes.json"));

async function buildOnce(config: unknown, input: string) {
  const cache = await openStageCache({ code: [entry], config, fileHashes: await fileHashes() });
  const output = join(dir, "out", "a1.json");
  const hash = sha256Hex(input);
  const hit = await cache.lookup(output, hash);
  if (!hit) await storeOutput(output, JSON.stringify({ text: input }), cache.stamp(hash), { sentences: 1 });
  return { hit: hit !== null, cache, output };
}

describe("openStageCache", () => {
  it("misses on the first build, then hits on unchanged input, code and config", async () => {
    expect((await buildOnce({ profile: "t2cn" }, text)).hit).toBe(false);
    const again = await buildOnce({ profile: "t2cn" }, text);
    expect(again.hit).toBe(true);
    expect(again.cache.stats).toEqual({ hits: 1, misses: 0 });
  });

  it("writes a sidecar with input hash, code version, the output's size and hash, and the summary", async () => {
    const { output, cache } = await buildOnce({}, text);
    const sidecar = JSON.parse(await readFile(`${output}.meta.json`, "utf8"));
    expect(sidecar).toMatchObject({ input_sha256: sha256Hex(text), code_version: cache.codeVersion, summary: { sentences: 1 } });
    expect(sidecar.output_bytes).toBe(Buffer.byteLength(await readFile(output)));
    expect(sidecar.output_sha256).toBe(sha256Hex(await readFile(output)));
  });

  it("misses when the input changes", async () => {
    await buildOnce({}, text);
    expect((await buildOnce({}, text.replace("强", "優"))).hit).toBe(false);
  });

  it("misses when the configuration changes, whatever the key order", async () => {
    await buildOnce({ a: 1, b: [1, 2] }, text);
    expect((await buildOnce({ b: [1, 2], a: 1 }, text)).hit).toBe(true);
    expect((await buildOnce({ a: 2, b: [1, 2] }, text)).hit).toBe(false);
  });

  it("misses when a module or data file in the stage's import graph changes, not when an unrelated one does", async () => {
    await buildOnce({}, text);
    await writeFile(join(dir, "unrelated.ts"), `export const x = 2;\n`); // not imported: not stage code
    expect((await buildOnce({}, text)).hit).toBe(true);
    await writeFile(join(dir, "README.md"), "How the helper works.\n"); // documentation changes no output
    expect((await buildOnce({}, text)).hit).toBe(true);
    await writeFile(join(dir, "words.json"), `["实施", "推进"]\n`);
    expect((await buildOnce({}, text)).hit).toBe(false);
    expect((await buildOnce({}, text)).hit).toBe(true);
    await writeFile(join(dir, "helper.ts"), `import words from "./words.json" with { type: "json" };\nexport const helper = () => [...words];\n`);
    expect((await buildOnce({}, text)).hit).toBe(false);
  });

  it("follows an import added after the graph was walked, and a file of the graph removed", async () => {
    await buildOnce({}, text);
    await writeFile(join(dir, "more.json"), `["推进"]\n`);
    await writeFile(join(dir, "helper.ts"), `import words from "./words.json" with { type: "json" };\nimport more from "./more.json" with { type: "json" };\nexport const helper = () => [...words, ...more];\n`);
    expect((await buildOnce({}, text)).hit).toBe(false);
    await writeFile(join(dir, "more.json"), `["推进", "实施"]\n`);
    expect((await buildOnce({}, text)).hit).toBe(false);
    await writeFile(join(dir, "helper.ts"), `export const helper = () => [];\n`);
    await rm(join(dir, "words.json"));
    expect((await buildOnce({}, text)).hit).toBe(false);
    expect((await buildOnce({}, text)).hit).toBe(true);
  });

  it("misses when the output was deleted or truncated", async () => {
    const { output } = await buildOnce({}, text);
    await writeFile(output, "{}");
    expect((await buildOnce({}, text)).hit).toBe(false);
    await rm(output);
    await rm(`${output}.meta.json`);
    expect((await buildOnce({}, text)).hit).toBe(false);
  });

  it("takes a current output from elsewhere, linked into place with its sidecar, and passes over one built from another input", async () => {
    const { output: other } = await buildOnce({}, text);
    const stale = join(dir, "stale", "a1.json");
    const staleCache = await openStageCache({ code: [entry], fileHashes: await fileHashes() });
    await storeOutput(stale, "{}", staleCache.stamp(sha256Hex("another text")), { sentences: 0 });
    const cache = await openStageCache({ code: [entry], fileHashes: await fileHashes(), elsewhere: async () => [stale, other] });
    const output = join(dir, "merged", "a1.json");
    expect(await cache.lookup(output, sha256Hex(text))).toMatchObject({ input_sha256: sha256Hex(text), summary: { sentences: 1 } });
    expect(cache.stats).toEqual({ hits: 1, misses: 0 });
    expect((await stat(output)).ino).toBe((await stat(other)).ino);
    expect(await readFile(`${output}.meta.json`, "utf8")).toBe(await readFile(`${other}.meta.json`, "utf8"));
    expect(await cache.lookup(join(dir, "merged", "a2.json"), sha256Hex("another text"))).not.toBeNull();
    expect(await cache.lookup(join(dir, "merged", "a3.json"), sha256Hex("a text built nowhere"))).toBeNull();
  });
});
