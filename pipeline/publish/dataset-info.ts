import { readFileSync } from "node:fs";
import { z } from "zod";
import { datasetInfoPath } from "../lib/paths.ts";
import { PipelineError } from "../lib/pipeline-error.ts";

/** dataset.json: the one place that holds the dataset's version and release date. */
export const DatasetInfo = z.object({
  name: z.string().regex(/^[a-z0-9._-]+$/),
  title: z.string(),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, "version must be semver MAJOR.MINOR.PATCH"),
  /** A real calendar day: it becomes every mtime in the archive (2026-13-45 would make them NaN). */
  released: z.iso.date(),
  description: z.string(),
  licenses: z.array(z.object({ name: z.string(), title: z.string(), path: z.string() })).min(1),
  sources: z.array(z.object({ title: z.string(), path: z.string().optional() })),
  /** Who made the data set, as they are to be cited. */
  creators: z.array(z.string().min(1)).min(1),
  /** Who else contributed and how (Frictionless contributors: title and roles). */
  contributors: z.array(z.object({ title: z.string().min(1), roles: z.array(z.string().min(1)).min(1) })).default([]),
  /** Where the data set lives, once it has a public home. */
  homepage: z.url().optional(),
  /** What may be done with the quoted texts and the data, printed in the card. */
  rights: z.array(z.string().min(1)).min(1),
  /** Known limits, printed in the release's dataset card. */
  limits: z.array(z.string()).default([]),
  /** Why this version differs from the one before, in words: the opening of its CHANGES.md. */
  changes: z.array(z.string()).default([]),
});
export type DatasetInfo = z.infer<typeof DatasetInfo>;

export function readDatasetInfo(path = datasetInfoPath): DatasetInfo {
  const parsed = DatasetInfo.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new PipelineError(`${path} is not a valid dataset description:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
