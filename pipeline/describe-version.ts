import { readFileSync } from "node:fs";
import { packageJsonPath } from "./lib/paths.ts";
import { readDatasetInfo } from "./publish/dataset-info.ts";

/** What --version prints: the dataset's name, version and release date (dataset.json), then the pipeline's package. */
export function describeVersion(): string {
  const info = readDatasetInfo();
  const pkg = JSON.parse(readFileSync(packageJsonPath, "utf8")) as { name: string; version: string };
  return `${info.name} ${info.version} (dataset, released ${info.released})\n${pkg.name} ${pkg.version} (pipeline)\n`;
}
