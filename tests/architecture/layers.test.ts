import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../pipeline/lib/paths.ts";

/**
 * The folders as layers (README: layout): each module imports only from layers below it, or from its own folder;
 * the concerns never import one another. Modules are read from the real import statements of every file.
 */
const LAYERS: ReadonlyArray<readonly string[]> = [
  ["schemas"],
  ["pipeline/lib"],
  ["pipeline/text"],
  ["pipeline/ingest", "pipeline/normalize", "pipeline/districts", "pipeline/themes", "pipeline/targets", "pipeline/indicators", "pipeline/eval", "pipeline/validate", "pipeline/publish"],
  // The explorer is made from a written release (its JSON and database) and re-finds quantities with the extractor's parser.
  ["pipeline/site"],
  // The page runs in the browser on the site's data files, whose shapes it imports.
  ["pipeline/site/page"],
  ["pipeline/stages", "pipeline/commands"],
  ["pipeline", "pipeline/bench"],
];

function modules(dir: string): string[] {
  return readdirSync(join(projectRoot, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? modules(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+["'](\.{1,2}\/[^"']+)["']|\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)|new URL\(\s*["'](\.{1,2}\/[^"']+\.ts)["']/gu;

/** Every module's relative imports, as project paths. */
const graph = new Map(
  [...modules("schemas"), ...modules("pipeline")].map((file) => {
    const source = readFileSync(join(projectRoot, file), "utf8");
    const targets = [...source.matchAll(IMPORT)].map((m) => relative(projectRoot, resolve(projectRoot, dirname(file), m[1] ?? m[2] ?? m[3]!)));
    return [file, targets] as const;
  }),
);

const folderOf = (file: string) => dirname(file);
const layerOf = (file: string) => {
  const folder = folderOf(file);
  const layer = LAYERS.findIndex((folders) => folders.includes(folder));
  if (layer < 0) throw new Error(`${file}: folder ${folder} is in no layer`);
  return layer;
};

describe("imports point down the layers", () => {
  it("every folder of the pipeline is in a layer", () => {
    expect([...graph.keys()].map(folderOf).filter((f) => !LAYERS.some((l) => l.includes(f)))).toEqual([]);
  });

  it("no module imports from a layer above it, nor from another concern", () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      for (const target of targets) {
        if (folderOf(target) === folderOf(file)) continue;
        if (layerOf(target) >= layerOf(file)) wrong.push(`${file} → ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("modules form no import cycle", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") return void cycles.push([...path.slice(path.indexOf(file)), file].join(" → "));
      state.set(file, "open");
      for (const target of graph.get(file) ?? []) if (target.endsWith(".ts")) visit(target, [...path, file]);
      state.set(file, "done");
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
