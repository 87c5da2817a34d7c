import type { DatasetInfo } from "./dataset-info.ts";

/** YAML's double-quoted scalar, which JSON's string syntax is a subset of. */
const quoted = (text: string) => JSON.stringify(text);

/**
 * CITATION.cff (Citation File Format 1.2.0) of the release, from dataset.json: GitHub, Zenodo and reference
 * managers read it. The repository's own copy must equal the current version's (a test checks it).
 */
export function citationCff(info: DatasetInfo): string {
  return [
    "cff-version: 1.2.0",
    'message: "If you use this data set, please cite it as below."',
    "type: dataset",
    `title: ${quoted(info.title)}`,
    `version: ${quoted(info.version)}`,
    `date-released: ${quoted(info.released)}`,
    `abstract: ${quoted(info.description)}`,
    "authors:",
    ...info.creators.map((c) => `  - name: ${quoted(c)}`),
    `license: ${quoted(info.licenses[0]!.name)}`,
    ...(info.homepage ? [`url: ${quoted(info.homepage)}`] : []),
    "",
  ].join("\n");
}
